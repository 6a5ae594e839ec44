import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidKey, type DocumentStorage, StoredObjectMissingError } from './document-storage';

/**
 * Documents on the local file system under one root folder (STORAGE_ROOT, resolved against
 * the working directory). Writes go to a temporary file in the same folder that is fsynced and
 * then renamed over the final name, so a crash never leaves a half-written document.
 */
export class LocalDiskStorage implements DocumentStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(process.cwd(), root);
  }

  /** Absolute path for a key; refuses anything that would land outside the root. */
  pathFor(key: string): string {
    assertValidKey(key);
    const full = resolve(this.root, ...key.split('/'));
    const rel = relative(this.root, full);
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
      throw new Error(`Storage key escapes the root: ${key}`);
    }
    return full;
  }

  async put(key: string, data: Buffer, _contentType?: string): Promise<void> {
    const target = this.pathFor(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathFor(key);
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new StoredObjectMissingError(key);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissingError(key);
      throw e;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }
}
