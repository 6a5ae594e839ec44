import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem';
import { findString } from './reject-nul';

/**
 * Limits on the shape of a JSON body. Our deepest DTO (case facts) nests 4 levels and no list
 * holds more than a few hundred items; without a cap, a 200 KB `[[[[…]]]]` of ~2,500 levels
 * cost up to 0.5 s of CPU in class-transformer and ended as a 500.
 */
export const JSON_LIMITS = { maxDepth: 32, maxItems: 1000 } as const;

/** A body-parser `verify` error: `type` is mapped to a problem code by body-parser-problems.ts. */
export class JsonShapeError extends Error {
  constructor(
    readonly type: 'json.too.deep' | 'json.too.many.items' | 'encoding.invalid.utf8',
    message: string,
  ) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/**
 * One pass over the raw bytes BEFORE JSON.parse: nesting depth and items per array/object
 * (commas at one level). Linear, no allocation beyond a counter per level, so a hostile body
 * costs about as much as reading it. Bytes inside strings are skipped (UTF-8 continuation bytes
 * are ≥ 0x80, so they never look like structure). Malformed JSON is left to JSON.parse.
 */
export function scanJsonShape(buf: Uint8Array, limits: { maxDepth: number; maxItems: number } = JSON_LIMITS): JsonShapeError | undefined {
  const items = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > limits.maxDepth) return new JsonShapeError('json.too.deep', `JSON nests deeper than ${limits.maxDepth} levels.`);
      items[depth] = 0;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (b === COMMA && depth > 0) {
      // n commas = n + 1 items
      if (++items[depth] >= limits.maxItems) return new JsonShapeError('json.too.many.items', `A JSON array or object holds more than ${limits.maxItems} items.`);
    }
  }
  return undefined;
}

/**
 * body-parser `verify` hook: runs on the raw body before it is decoded and parsed. Bytes that
 * are not UTF-8 would otherwise be decoded to U+FFFD without a word (a title silently rewritten).
 */
export function verifyJsonBody(_req: IncomingMessage, _res: ServerResponse, buf: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(buf)) throw new JsonShapeError('encoding.invalid.utf8', 'The request body is not valid UTF-8.');
  const refused = scanJsonShape(buf);
  if (refused) throw refused;
}

/** In unicode mode a surrogate pair is one code point, so this matches only UNPAIRED surrogates. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * JSON may spell an unpaired UTF-16 surrogate (`"\udc00"`), which is not a Unicode character:
 * PostgreSQL refuses it in jsonb (a 500 deep in a transaction) and any "repair" would silently
 * change the text. Refuse it, in any string or key of any body, before a handler runs.
 */
export function rejectLoneSurrogates(req: Request, res: Response, next: NextFunction): void {
  const field = findString(req.body, (s) => LONE_SURROGATE.test(s));
  if (field === undefined) return next();
  sendProblem(res, 'REQUEST.UNPAIRED_SURROGATE', 'Text must be valid Unicode: the body contains an unpaired UTF-16 surrogate.', req.originalUrl, {
    errors: [{ field, code: 'UNPAIRED_SURROGATE', message: 'must not contain an unpaired UTF-16 surrogate (e.g. \\udc00)' }],
  });
}
