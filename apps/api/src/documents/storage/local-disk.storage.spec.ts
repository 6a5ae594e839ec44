import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { documentKey, StoredObjectMissingError } from './document-storage';
import { LocalDiskStorage } from './local-disk.storage';

async function readAll(r: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(r)) return r;
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;
  const key = documentKey('3f0c2a4e-1111-4222-8333-944455556666', '0b7e1c2d-aaaa-4bbb-8ccc-ddddeeeeffff');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rl-storage-'));
    storage = new LocalDiskStorage(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes, reads and deletes under cases/<caseId>/<documentId>', async () => {
    const data = Buffer.from('%PDF-1.7 hello');
    await storage.put(key, data, 'application/pdf');
    expect(await readFile(join(dir, 'cases', '3f0c2a4e-1111-4222-8333-944455556666', '0b7e1c2d-aaaa-4bbb-8ccc-ddddeeeeffff'))).toEqual(data);
    expect(await readAll(await storage.get(key))).toEqual(data);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('leaves no temporary files behind and replaces an object atomically', async () => {
    await storage.put(key, Buffer.from('one'), 'text/plain');
    await storage.put(key, Buffer.from('two'), 'text/plain');
    expect(await readAll(await storage.get(key))).toEqual(Buffer.from('two'));
    const files = await readdir(join(dir, 'cases', '3f0c2a4e-1111-4222-8333-944455556666'));
    expect(files).toEqual(['0b7e1c2d-aaaa-4bbb-8ccc-ddddeeeeffff']);
  });

  it('resolves a relative root against the working directory', () => {
    expect(new LocalDiskStorage('.data/documents').root).toBe(join(process.cwd(), '.data', 'documents'));
  });

  it.each(['../escape', 'cases/../../etc/passwd', '/etc/passwd', 'cases/A', 'cases//x', 'cases/x y', 'cases\\x', ''])(
    'refuses the key %j',
    async (bad) => {
      await expect(storage.put(bad, Buffer.from('x'), 'text/plain')).rejects.toThrow(/Invalid storage key|escapes/);
      await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key|escapes/);
    },
  );

  it('reports a missing object as StoredObjectMissingError', async () => {
    await expect(storage.get('cases/nope/nothing')).rejects.toBeInstanceOf(StoredObjectMissingError);
  });
});
