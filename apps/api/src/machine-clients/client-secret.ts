import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

/** scrypt parameters (RFC 7914; N = 2^14 is the interactive-login recommendation). */
const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

/** A new client id (`rlc_` + 24 url-safe chars) and secret (`rls_` + 43 url-safe chars, 256 bits). */
export function newClientId(): string {
  return `rlc_${randomBytes(18).toString('base64url')}`;
}
export function newClientSecret(): string {
  return `rls_${randomBytes(32).toString('base64url')}`;
}

/** `scrypt$N$r$p$salt$hash` (base64url): only the hash is stored, never the secret. */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_BYTES, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
