import { JSON_LIMITS, scanJsonShape, verifyJsonBody } from './json-guard';
import { requestIdFrom } from './http-server';

const scan = (text: string, limits = JSON_LIMITS) => scanJsonShape(Buffer.from(text, 'utf8'), limits)?.type;

describe('scanJsonShape (before JSON.parse)', () => {
  it('allows the configured depth and refuses one level more', () => {
    expect(scan(`${'['.repeat(32)}${']'.repeat(32)}`)).toBeUndefined();
    expect(scan(`${'['.repeat(33)}${']'.repeat(33)}`)).toBe('json.too.deep');
    expect(scan(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`)).toBe('json.too.deep');
  });

  it('counts depth across siblings, not in total', () => {
    const sibling = `{"a":${'['.repeat(20)}${']'.repeat(20)}}`;
    expect(scan(`[${Array(50).fill(sibling).join(',')}]`)).toBeUndefined();
  });

  it('ignores brackets, braces, commas and escaped quotes inside strings', () => {
    expect(scan(JSON.stringify({ t: '['.repeat(100) + '\\"{{{' + ','.repeat(5000) }))).toBeUndefined();
    expect(scan(JSON.stringify(['a\\', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[']))).toBeUndefined();
  });

  it('allows 1,000 items per array or object and refuses 1,001', () => {
    expect(scan(JSON.stringify(Array(1000).fill(0)))).toBeUndefined();
    expect(scan(JSON.stringify(Array(1001).fill(0)))).toBe('json.too.many.items');
    expect(scan(JSON.stringify(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]))))).toBe('json.too.many.items');
    // …counted per container: two arrays of 600 are fine
    expect(scan(JSON.stringify([Array(600).fill(0), Array(600).fill(0)]))).toBeUndefined();
  });

  it('gives its verdict on a 256 KB hostile body in one pass, without parsing it', () => {
    // One pass over the bytes, no recursion (a recursive check would overflow the stack here);
    // speed itself is not asserted in unit tests (the hardening integration test prints it).
    const body = Buffer.from(`${'['.repeat(128 * 1024)}${']'.repeat(128 * 1024)}`);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(scanJsonShape(body)?.type).toBe('json.too.deep');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('verifyJsonBody refuses bytes that are not UTF-8 (they would become U+FFFD)', () => {
    expect(() => verifyJsonBody({} as never, {} as never, Buffer.from([0x22, 0xe9, 0x22]), 'utf-8')).toThrow(expect.objectContaining({ type: 'encoding.invalid.utf8' }));
    // CESU-8 / WTF-8 spelling of a lone surrogate is not UTF-8 either
    expect(() => verifyJsonBody({} as never, {} as never, Buffer.from([0x22, 0xed, 0xb0, 0x80, 0x22]), 'utf-8')).toThrow(expect.objectContaining({ type: 'encoding.invalid.utf8' }));
    expect(() => verifyJsonBody({} as never, {} as never, Buffer.from('"Café 😀"'), 'utf-8')).not.toThrow();
  });
});

describe('requestIdFrom', () => {
  it('adopts up to 128 safe characters and replaces anything else', () => {
    expect(requestIdFrom('abc-123_X.y:z')).toBe('abc-123_X.y:z');
    expect(requestIdFrom('a'.repeat(128))).toBe('a'.repeat(128));
    for (const bad of ['a'.repeat(129), '', 'a b', 'a\nb', 'ø', ['a', 'b'], undefined]) {
      expect(requestIdFrom(bad as never)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
