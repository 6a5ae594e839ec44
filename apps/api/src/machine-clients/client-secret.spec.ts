import { hashClientSecret, newClientId, newClientSecret, verifyClientSecret } from './client-secret';

describe('machine client secrets', () => {
  it('stores a salted scrypt hash that verifies only the same secret', async () => {
    const secret = newClientSecret();
    const stored = await hashClientSecret(secret);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await hashClientSecret(secret)).not.toBe(stored); // salted
    await expect(verifyClientSecret(secret, stored)).resolves.toBe(true);
    await expect(verifyClientSecret(newClientSecret(), stored)).resolves.toBe(false);
    await expect(verifyClientSecret(secret, 'plain')).resolves.toBe(false);
  });

  it('makes ids the schema accepts', () => {
    expect(newClientId()).toMatch(/^rlc_[A-Za-z0-9_-]{16,64}$/);
  });
});
