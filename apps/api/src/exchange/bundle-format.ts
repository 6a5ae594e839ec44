import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A case bundle (issue 18 item 3): JSON files and document bytes, with a manifest of SHA-256 sums. */
export const BUNDLE_FORMAT = 'dk.roedloeber.case-bundle';

export interface BundleFile {
  path: string;
  bytes: Uint8Array;
  contentType: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  schemaVersion: string;
  caseId: string;
  reference: string;
  exportedAt: string;
  exportedBy: string;
  source: string;
  files: { path: string; sha256: string; sizeBytes: number; contentType: string }[];
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
export const jsonFile = (path: string, value: unknown): BundleFile => ({ path, bytes: strToU8(`${JSON.stringify(value, null, 2)}\n`), contentType: 'application/json' });

/** The ZIP: every file, then manifest.json naming each with its SHA-256 and size. */
export function writeBundle(files: readonly BundleFile[], meta: Omit<BundleManifest, 'format' | 'files'>): { zip: Uint8Array; manifest: BundleManifest } {
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    ...meta,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.bytes), sizeBytes: f.bytes.length, contentType: f.contentType })),
  };
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path] = f.bytes;
  entries['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  // Fixed timestamps: the same case exported twice gives the same bytes (apart from exportedAt).
  return { zip: zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') }), manifest };
}

export class BundleInvalidError extends Error {}

/**
 * Reads and checks a bundle: manifest present and of our format, every listed file present with
 * its SHA-256 and size, no file that is not listed, no path that could escape a folder.
 */
export function readBundle(zip: Uint8Array, maxBytes = 512 * 1024 * 1024): { manifest: BundleManifest; files: Map<string, Uint8Array> } {
  let total = 0;
  const entries = unzipSync(zip, {
    filter: (f) => {
      total += f.originalSize;
      if (total > maxBytes) throw new BundleInvalidError(`the bundle unpacks to more than ${maxBytes} bytes`);
      return true;
    },
  });
  const raw = entries['manifest.json'];
  if (!raw) throw new BundleInvalidError('manifest.json is missing');
  const manifest = JSON.parse(strFromU8(raw)) as BundleManifest;
  if (manifest.format !== BUNDLE_FORMAT) throw new BundleInvalidError(`not a case bundle (format ${String(manifest.format)})`);
  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files ?? []) {
    if (f.path.includes('..') || f.path.startsWith('/')) throw new BundleInvalidError(`unsafe path ${f.path}`);
    const bytes = entries[f.path];
    if (!bytes) throw new BundleInvalidError(`${f.path} is listed but missing`);
    if (bytes.length !== f.sizeBytes || sha256(bytes) !== f.sha256) throw new BundleInvalidError(`${f.path} does not match its SHA-256 in the manifest`);
    files.set(f.path, bytes);
  }
  for (const path of Object.keys(entries)) if (path !== 'manifest.json' && !files.has(path)) throw new BundleInvalidError(`${path} is not in the manifest`);
  return { manifest, files };
}
