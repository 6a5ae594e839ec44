// One Jest config, two projects: `unit` (pure, no services) and `integration`
// (real PostgreSQL + Redis, provisioned by scripts/run.js). Both compile with SWC,
// which keeps decorator metadata that NestJS and class-validator need.
const fs = require('node:fs');
const path = require('node:path');
const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { ...swc, swcrc: false }] };
const moduleNameMapper = {
  '^@rl/permits-catalog$': '<rootDir>/libs/permits/catalog/src/index.ts',
  '^@rl/permits-screening$': '<rootDir>/libs/permits/screening/src/index.ts',
  '^@rl/permits-machines$': '<rootDir>/libs/permits/machines/src/index.ts',
  '^@rl/clocks$': '<rootDir>/libs/planning/clocks/src/index.ts',
  '^@rl/critical-path$': '<rootDir>/libs/planning/critical-path/src/index.ts',
  '^@rl/config$': '<rootDir>/libs/server/config/src/index.ts',
  '^@rl/db$': '<rootDir>/libs/server/db/src/index.ts',
  '^@rl/case-engine$': '<rootDir>/libs/server/case-engine/src/index.ts',
  '^@rl/mailer$': '<rootDir>/libs/server/mailer/src/index.ts',
  '^@rl/queues$': '<rootDir>/libs/server/queues/src/index.ts',
  '^@rl/webhooks$': '<rootDir>/libs/server/webhooks/src/index.ts',
  '^@rl/errors$': '<rootDir>/libs/shared/errors/src/index.ts',
  '^@rl/server-infra$': '<rootDir>/libs/server/infra/src/index.ts',
  '^@rl/migrations$': '<rootDir>/migrations/data-source.ts',
  '^@rl/seeds$': '<rootDir>/seeds/seed.ts',
};
// NestJS 12 and a few other packages ship ESM only. Node >= 20.19 loads them from our CommonJS
// output natively (require(esm)), but Jest's module runtime cannot before Node 24.9, so Jest
// compiles exactly those packages to CommonJS with SWC.
const ESM_ONLY = ['@nestjs', 'jose', 'oidc-provider', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', '@borewit', 'feed'];
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];
const common = { rootDir: __dirname, transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node' };
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
      setupFilesAfterEnv: ['<rootDir>/tests/integration/support/fresh-clock.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.browser-spec.ts'],
    },
    {
      ...common,
      displayName: 'lint-rules',
      testMatch: ['<rootDir>/tests/lint/**/*.spec.ts'],
    },
  ],
};
