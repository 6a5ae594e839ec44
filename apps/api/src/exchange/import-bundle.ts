import { strFromU8 } from 'fflate';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import type { DocumentStorage } from '../documents/storage/document-storage';
import { BundleInvalidError, readBundle, sha256 } from './bundle-format';

const ID_ROW = z.object({ id: z.string() });

export type ImportResult = { status: 'imported' | 'alreadyImported'; importId: string; reference: string; documents: number } | { status: 'refused'; reason: string };

/**
 * Imports a case bundle (issue 18 item 3) as a read-only record of the case: verified against
 * its manifest (SHA-256 and size of every file), its documents stored under
 * `imports/<importId>/…`, all in one transaction. Idempotent: the same bundle again is
 * `alreadyImported` and writes nothing but its log row. Every attempt is logged (case_import_log).
 */
export async function importBundle(ds: DataSource, storage: DocumentStorage, zip: Uint8Array, actor: string): Promise<ImportResult> {
  const bundleSha = sha256(zip);
  let parsed: ReturnType<typeof readBundle>;
  try {
    parsed = readBundle(zip);
  } catch (e) {
    const reason = e instanceof BundleInvalidError ? e.message : `not a readable ZIP (${(e as Error).message})`;
    await ds.query(`INSERT INTO case_import_log (actor, action, bundle_sha256, details) VALUES ($1, 'bundle.refused', $2, $3)`, [actor, bundleSha, JSON.stringify({ reason })]);
    return { status: 'refused', reason };
  }
  const { manifest, files } = parsed;
  const caseJson = JSON.parse(strFromU8(files.get('case.json') ?? new Uint8Array()) || 'null') as unknown;
  if (!caseJson) return { status: 'refused', reason: 'case.json is missing' };
  const documents = manifest.files.filter((f) => f.path.startsWith('documents/') && f.path.split('/').length === 3);
  return ds.transaction(async (m) => {
    const [created] = await queryRows(
      m,
      ID_ROW,
      sql`INSERT INTO case_imports (source, original_case_id, reference, bundle_sha256, manifest, case_json, files, imported_by)
          VALUES (${manifest.source}, ${manifest.caseId}, ${manifest.reference}, ${bundleSha}, ${JSON.stringify(manifest)}, ${JSON.stringify(caseJson)},
                  ${JSON.stringify(Object.fromEntries([...files].filter(([p]) => p.endsWith('.json')).map(([p, b]) => [p, JSON.parse(strFromU8(b))])))}, ${actor})
          ON CONFLICT (source, original_case_id, bundle_sha256) DO NOTHING RETURNING id`,
    );
    if (!created) {
      const [existing] = await queryRows(m, ID_ROW, sql`SELECT id FROM case_imports WHERE source = ${manifest.source} AND original_case_id = ${manifest.caseId} AND bundle_sha256 = ${bundleSha}`);
      await m.query(`INSERT INTO case_import_log (actor, action, bundle_sha256, case_import_id, details) VALUES ($1, 'bundle.alreadyImported', $2, $3, $4)`, [actor, bundleSha, existing.id, JSON.stringify({ reference: manifest.reference })]);
      return { status: 'alreadyImported' as const, importId: existing.id, reference: manifest.reference, documents: documents.length };
    }
    for (const d of documents) {
      const key = `imports/${created.id}/${d.path.split('/')[1]}`;
      await storage.put(key, Buffer.from(files.get(d.path) as Uint8Array), d.contentType);
      await m.query(
        `INSERT INTO case_import_documents (case_import_id, path, sha256, size_bytes, content_type, storage_key) VALUES ($1, $2, $3, $4, $5, $6)`,
        [created.id, d.path, d.sha256, d.sizeBytes, d.contentType, key],
      );
    }
    await m.query(`INSERT INTO case_import_log (actor, action, bundle_sha256, case_import_id, details) VALUES ($1, 'bundle.imported', $2, $3, $4)`, [
      actor,
      bundleSha,
      created.id,
      JSON.stringify({ reference: manifest.reference, source: manifest.source, files: manifest.files.length, documents: documents.length }),
    ]);
    return { status: 'imported' as const, importId: created.id, reference: manifest.reference, documents: documents.length };
  });
}
