export * from './lib/types';
export * from './lib/domain-error';
export * from './lib/errors';
export * from './lib/catalog';
export * from './lib/validate-catalog';
export * from './lib/municipalities';
export * from './lib/state-agencies';
export { CATALOG_2025_1 } from './lib/catalog-2025-1';
export * from './lib/listed-activities';
