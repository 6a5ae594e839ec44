export { loadConfig, ConfigError } from './lib/config';
export type { AppConfig } from './lib/config';
