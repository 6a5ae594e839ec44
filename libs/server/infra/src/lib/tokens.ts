/** DI tokens shared by api and worker. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const REDIS = Symbol('REDIS');
/** Injectable clock, so deadline behaviour is testable (POST /test/clock moves it). */
export const CLOCK = Symbol('CLOCK');
