import { Inject, Injectable, Module, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG, CLOCK, type Clock } from '@rl/server-infra';
import { CurrentPrincipal, type Principal } from '../auth';
import { CaseService } from '../cases/case.service';
import { CasesModule } from '../cases/cases.module';
import { BearerController } from '../common/bearer-controller';
import { Endpoint } from '../common/endpoint';
import { DocumentsModule, DocumentsService } from '../documents';
import { InsightModule } from '../insight/insight.controller';
import { InsightService } from '../insight/insight.service';
import { SCHEMA_VERSION } from '../schemas/json-schemas';
import { type BundleFile, jsonFile, writeBundle } from './bundle-format';

async function toBytes(body: Buffer | Readable): Promise<Uint8Array> {
  if (Buffer.isBuffer(body)) return new Uint8Array(body);
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

const PAGE_SIZE = 100;

/** Every item of a paginated read, page by page until a page is not full. */
async function allPages<T>(read: (page: number) => Promise<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { items } = await read(page);
    all.push(...items);
    if (items.length < PAGE_SIZE) return all;
  }
}

/** Builds a case bundle from the same services (and so the same visibility) as the API's reads. */
@Injectable()
export class BundleService {
  constructor(
    private readonly cases: CaseService,
    private readonly documents: DocumentsService,
    private readonly insight: InsightService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(p: Principal, caseId: string): Promise<{ zip: Uint8Array; reference: string }> {
    const detail = await this.cases.detail(p, caseId); // 404 for a case the caller may not see
    const files: BundleFile[] = [jsonFile('case.json', detail)];
    for (const permit of detail.permits as { id: string }[]) files.push(jsonFile(`permits/${permit.id}.json`, await this.cases.permitDetail(p, permit.id)));
    files.push(jsonFile('plan.json', await this.insight.plan(p, caseId)));
    files.push(jsonFile('timeline.json', await allPages((page) => this.cases.timeline(p, caseId, page, PAGE_SIZE))));
    const docs = await allPages((page) => this.documents.list(p, caseId, page, PAGE_SIZE));
    files.push(jsonFile('documents.json', docs));
    for (const d of docs) {
      const { body } = await this.documents.content(p, d.id);
      files.push({ path: `documents/${d.id}/${d.filename}`, bytes: await toBytes(body), contentType: d.contentType });
    }
    const { zip } = writeBundle(files, {
      schemaVersion: SCHEMA_VERSION,
      caseId,
      reference: detail.reference,
      exportedAt: this.clock.now().toISOString(),
      exportedBy: p.username,
      source: this.config.PUBLIC_API_URL,
    });
    return { zip, reference: detail.reference };
  }
}

@BearerController('exchange', 'cases')
export class BundleController {
  constructor(private readonly bundles: BundleService) {}

  @ApiResponse({ status: 200, description: 'The ZIP (docs/exchange.md).', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @Endpoint('GET', ':id/bundle', {
    roles: ['applicant', 'coordinator'],
    summary: 'Case bundle: a ZIP of case.json, permits/, plan.json, timeline.json, documents.json, the documents and manifest.json (SHA-256 of every file).',
    params: ['id'],
    produces: 'application/zip',
    problems: ['CASE.NOT_FOUND'],
  })
  async bundle(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: { setHeader(k: string, v: string): void }): Promise<StreamableFile> {
    const { zip, reference } = await this.bundles.export(p, id);
    res.setHeader('Content-Disposition', `attachment; filename="${reference.replace(/[^A-Za-z0-9._-]/g, '_')}-bundle.zip"`);
    return new StreamableFile(Buffer.from(zip), { type: 'application/zip', length: zip.length });
  }
}

@Module({ imports: [CasesModule, DocumentsModule, InsightModule], controllers: [BundleController], providers: [BundleService] })
export class BundleModule {}
