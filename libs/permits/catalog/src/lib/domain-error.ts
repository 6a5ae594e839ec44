/**
 * Base class of every domain error in Rød Løber. `code` is a stable, machine-readable string
 * (e.g. 'CATALOG.UNKNOWN_PERMIT_CODE') that the API maps to an RFC 9457 problem `code`; the
 * message is for humans and may change.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
