import type { Readable } from 'node:stream';

/**
 * Where document bytes live (the port). Keys are chosen by the server, never derived from the
 * client's file name: `cases/<caseId>/<documentId>`.
 */
export interface DocumentStorage {
  /** Stores the bytes under `key`; a reader never sees a partly written object. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The stored bytes; throws {@link StoredObjectMissingError} when there is no such object. */
  get(key: string): Promise<Buffer | Readable>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}

/** DI token for the configured {@link DocumentStorage}. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export class StoredObjectMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under ${key}`);
    this.name = 'StoredObjectMissingError';
  }
}

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** Keys are lower-case segments of [a-z0-9-] joined by '/': no '..', no absolute paths. */
export function assertValidKey(key: string): void {
  if (!KEY.test(key) || key.length > 512) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

export function documentKey(caseId: string, documentId: string): string {
  const key = `cases/${caseId.toLowerCase()}/${documentId.toLowerCase()}`;
  assertValidKey(key);
  return key;
}
