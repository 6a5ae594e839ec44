import type { NextFunction, Request, Response } from 'express';

/**
 * The JSON body exactly as the client sent it, for the routes that screen project facts.
 *
 * Nest's ValidationPipe deletes `__proto__`, `prototype` and `constructor` keys from a DTO body
 * IN PLACE (prototype-pollution protection) — so `POST /cases` used to screen facts from which a
 * `constructor` fact had silently vanished, while `POST /screening` (no DTO) refused it (issue 13
 * item 18). Both routes now screen this copy, taken right after parsing, through one function
 * (`factsOf` + `CaseService.screenFacts`): the same facts get the same 422 with the same rule.
 * A structured clone keeps such keys as plain own data properties (never as prototypes), and
 * the screening refuses every key that is not a known fact.
 */
const RAW = new WeakMap<Request, unknown>();

export function keepRawJsonBody(paths: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && paths.includes(req.path.replace(/\/+$/, '')) && req.body !== null && typeof req.body === 'object') RAW.set(req, structuredClone(req.body));
    next();
  };
}

/** The parsed body before any pipe touched it (undefined on other routes). */
export function rawJsonBody(req: Request): unknown {
  return RAW.get(req);
}
