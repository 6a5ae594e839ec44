import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Proves the architecture rule: a `type:domain` library may not import frameworks.
 * The offending code is linted as virtual text at a path inside the library, so nothing is
 * ever written into the source tree.
 */
const ROOT = join(__dirname, '..', '..');

describe('Nx module boundaries', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; make sure it exists.
    execFileSync(join(ROOT, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  // ESLint runs as a separate process (its config loader needs real dynamic import, which
  // Jest's module sandbox does not offer); the code comes in on stdin.
  async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
    let out: string;
    try {
      out = execFileSync(join(ROOT, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', join(ROOT, filePath), '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit code 1 = lint errors found
    }
    const [result] = JSON.parse(out) as { messages: { ruleId: string | null; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it.each([
    ['@nestjs/common', 'libs/permits/catalog/src/lib/fixture-bad.ts'],
    ['typeorm', 'libs/planning/clocks/src/lib/fixture-bad.ts'],
    ['bullmq', 'libs/permits/machines/src/lib/fixture-bad.ts'],
    ['ioredis', 'libs/planning/critical-path/src/lib/fixture-bad.ts'],
    ['react', 'libs/permits/screening/src/lib/fixture-bad.ts'],
  ])('fails lint when a type:domain lib imports %s', async (pkg, file) => {
    const errors = await boundaryErrors(`import '${pkg}';\nexport const x = 1;\n`, file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`type:domain`);
    expect(errors[0]).toContain(pkg);
  });

  it('allows the same framework import in an app', async () => {
    expect(await boundaryErrors(`import '@nestjs/common';\nexport const x = 1;\n`, 'apps/api/src/fixture-ok.ts')).toEqual([]);
  });

  it('allows a domain lib to import another domain lib', async () => {
    expect(await boundaryErrors(`import { isUnknown } from '@rl/permits-catalog';\nexport const x = isUnknown;\n`, 'libs/permits/screening/src/lib/fixture-ok.ts')).toEqual([]);
  });

  it('forbids a domain lib from importing a data-access lib', async () => {
    const errors = await boundaryErrors(`import { ENTITIES } from '@rl/db';\nexport const x = ENTITIES;\n`, 'libs/planning/clocks/src/lib/fixture-bad.ts');
    expect(errors.length).toBeGreaterThan(0);
  });
});
