export { InfraModule } from './lib/infra.module';
export { APP_CONFIG, CLOCK, REDIS } from './lib/tokens';
export { createRootLogger, httpLogSerializers, PinoNestLogger, redactText, redactUrl, REDACTED } from './lib/logger';
export { AdjustableClock, SharedClock, SystemClock, syncedNow } from './lib/clock';
export type { Clock, ClockStore } from './lib/clock';
export { holdEarlySignals, installGracefulShutdown } from './lib/shutdown';
