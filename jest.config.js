// One Jest config, two projects: `unit` (pure, no services) and `integration`
// (real PostgreSQL + Redis, provisioned by scripts/run.js). Both compile with SWC,
// which keeps decorator metadata that NestJS and class-validator need.
const fs = require('node:fs');
const path = require('node:path');
const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] };
const moduleNameMapper = {
  '^@rl/permits-catalog$': '<rootDir>/libs/permits/catalog/src/index.ts',
  '^@rl/permits-screening$': '<rootDir>/libs/permits/screening/src/index.ts',
  '^@rl/permits-machines$': '<rootDir>/libs/permits/machines/src/index.ts',
  '^@rl/clocks$': '<rootDir>/libs/planning/clocks/src/index.ts',
  '^@rl/critical-path$': '<rootDir>/libs/planning/critical-path/src/index.ts',
  '^@rl/config$': '<rootDir>/libs/server/config/src/index.ts',
  '^@rl/db$': '<rootDir>/libs/server/db/src/index.ts',
};
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/worker/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.int-spec.ts'],
      maxWorkers: 1,
    },
    {
      ...common,
      displayName: 'lint-rules',
      testMatch: ['<rootDir>/tests/lint/**/*.spec.ts'],
    },
  ],
};
