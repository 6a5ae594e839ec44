/**
 * Validation of the application against the catalogue's JSON Schemas with Ajv (issue 14), pure:
 * - `draftErrors`: what a save refuses (types, patterns, bounds, unknown fields) — a draft may
 *   be incomplete, so `required` and `minItems` are not enforced here;
 * - `checkPermit`: the pre-submission check of one permit — every missing or invalid field of
 *   the shared part it uses and of its section, and every required document without an upload,
 *   each with the rule that asks for it.
 * Messages are Danish and English; locations are JSON Pointers into the application document
 * `{ shared, sections: { <permitCode>: … } }`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getApplicationForm } from './forms';
import { siteGeometryProblems } from './geometry';
import type { FormSchema, PermitSection } from './types';

export interface FieldProblem {
  /** JSON Pointer into `{ shared, sections }`. */
  pointer: string;
  da: string;
  en: string;
}

export interface MissingItem {
  kind: 'field' | 'document';
  /** JSON Pointer of the field, or `documents/<key>` of the required document. */
  pointer: string;
  labelDa: string;
  labelEn: string;
  da: string;
  en: string;
  /** The statute or guidance that asks for it; `inference` when inferred. */
  source: string;
  inference: boolean;
}

export interface ApplicationDocument {
  shared: Record<string, unknown>;
  sections: Record<string, unknown>;
}

/** Uploaded documents that meet a requirement: `permitCode` + `requirementKey`. */
export interface RequirementUpload {
  permitCode: string;
  requirementKey: string;
}

const ANNOTATIONS = ['x-title-en', 'x-help-en', 'x-source', 'x-inference', 'x-widget'];
// `format` is checked by our own keyword for the two formats the forms use (no extra package).
const FORMATS: Record<string, RegExp> = { date: /^\d{4}-\d{2}-\d{2}$/, email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ };

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, validateFormats: false });
  for (const k of ANNOTATIONS) ajv.addKeyword({ keyword: k, schemaType: ['string', 'boolean'] });
  ajv.removeKeyword('format');
  ajv.addKeyword({
    keyword: 'format',
    type: 'string',
    schemaType: 'string',
    error: { message: (cxt) => `must match format "${String(cxt.schema)}"` },
    validate: (format: string, data: string) => (FORMATS[format] ? FORMATS[format].test(data) && (format !== 'date' || !Number.isNaN(Date.parse(data))) : true),
  });
  return ajv;
}

/** The schema without `required`/`minItems` (a draft may be incomplete). */
function withoutCompleteness(s: FormSchema): FormSchema {
  const { required: _r, minItems: _m, ...rest } = s;
  const out: FormSchema = { ...rest };
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, withoutCompleteness(v)]));
  if (s.items) out.items = withoutCompleteness(s.items);
  return out;
}

/** Compiled validators per catalogue version, built once (compiling is the expensive part). */
interface Compiled {
  sharedDraft: ValidateFunction;
  sharedFull: ValidateFunction;
  sectionDraft: Map<string, ValidateFunction>;
  sectionFull: Map<string, ValidateFunction>;
}
const compiled = new Map<string, Compiled>();

function validatorsFor(version: string): Compiled {
  const hit = compiled.get(version);
  if (hit) return hit;
  const form = getApplicationForm(version);
  const ajv = newAjv();
  const c: Compiled = {
    sharedDraft: ajv.compile(withoutCompleteness(form.shared)),
    sharedFull: ajv.compile(form.shared),
    sectionDraft: new Map(Object.values(form.sections).map((s) => [s.permitCode, ajv.compile(withoutCompleteness(s.schema))])),
    sectionFull: new Map(Object.values(form.sections).map((s) => [s.permitCode, ajv.compile(s.schema)])),
  };
  compiled.set(version, c);
  return c;
}

/**
 * Compiles a catalogue version's validators now rather than on the first save or case creation
 * that needs them: compiling ~50 schemas costs 0.3–0.8 s of CPU, and a cold API made the first
 * concurrent case creations wait that long (bench step b's p99, issue 14). The API calls it for
 * the current version before it listens.
 */
export function precompileApplicationValidators(version: string): void {
  validatorsFor(version);
}

/** The schema node at a JSON Pointer (through properties and array items), if any. */
export function schemaAt(root: FormSchema, pointer: string): FormSchema | undefined {
  let node: FormSchema | undefined = root;
  for (const part of pointer.split('/').slice(1)) {
    if (!node) return undefined;
    node = /^\d+$/.test(part) && node.items ? node.items : node.properties?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function messageOf(e: ErrorObject): { da: string; en: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { da: 'Feltet skal udfyldes.', en: 'This field is required.' };
    case 'type':
      return { da: `Forkert type: skal være ${String(p.type)}.`, en: `Wrong type: must be ${String(p.type)}.` };
    case 'additionalProperties':
      return { da: `Ukendt felt: ${String(p.additionalProperty)}.`, en: `Unknown field: ${String(p.additionalProperty)}.` };
    case 'minLength':
      return { da: `Skal være mindst ${String(p.limit)} tegn.`, en: `Must be at least ${String(p.limit)} characters.` };
    case 'maxLength':
      return { da: `Må højst være ${String(p.limit)} tegn.`, en: `Must be at most ${String(p.limit)} characters.` };
    case 'minItems':
      return { da: `Skal have mindst ${String(p.limit)} element(er).`, en: `Must have at least ${String(p.limit)} item(s).` };
    case 'maxItems':
      return { da: `Må højst have ${String(p.limit)} elementer.`, en: `Must have at most ${String(p.limit)} items.` };
    case 'minimum':
      return { da: `Skal være mindst ${String(p.limit)}.`, en: `Must be at least ${String(p.limit)}.` };
    case 'maximum':
      return { da: `Må højst være ${String(p.limit)}.`, en: `Must be at most ${String(p.limit)}.` };
    case 'enum':
      return { da: `Skal være en af: ${(p.allowedValues as unknown[]).join(', ')}.`, en: `Must be one of: ${(p.allowedValues as unknown[]).join(', ')}.` };
    case 'pattern':
      return { da: 'Har ikke det rigtige format.', en: 'Does not have the right format.' };
    case 'format':
      return { da: 'Har ikke det rigtige format (dato ÅÅÅÅ-MM-DD / e-mail).', en: 'Does not have the right format (date YYYY-MM-DD / e-mail).' };
    default:
      return { da: 'Ugyldig værdi.', en: 'Invalid value.' };
  }
}

/** Where an Ajv error points: for `required`/`additionalProperties`, the missing or unknown property itself. */
function pointerOf(e: ErrorObject, prefix: string): string {
  const p = e.params as Record<string, unknown>;
  const child = e.keyword === 'required' ? `/${String(p.missingProperty)}` : e.keyword === 'additionalProperties' ? `/${String(p.additionalProperty)}` : '';
  return `${prefix}${e.instancePath}${child}`;
}

/** Pointers (through object properties) of the schema's GeoJSON fields (`x-widget: geojson`). */
function geojsonPointers(s: FormSchema, at = ''): string[] {
  if (s['x-widget'] === 'geojson') return [at];
  return Object.entries(s.properties ?? {}).flatMap(([k, child]) => geojsonPointers(child, `${at}/${k}`));
}

function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const part of pointer.split('/').slice(1)) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/**
 * Ajv's problems, then what JSON Schema cannot say about a GeoJSON field (RFC 7946 structure,
 * Danish bounds, self-intersection: ./geometry.ts) — only where the schema found nothing wrong.
 */
function problems(v: ValidateFunction, data: unknown, prefix: string, schema?: FormSchema): FieldProblem[] {
  const out = v(data) ? [] : (v.errors ?? []).map((e) => ({ pointer: pointerOf(e, prefix), ...messageOf(e) }));
  for (const at of schema ? geojsonPointers(schema) : []) {
    const pointer = `${prefix}${at}`;
    if (out.some((p) => p.pointer === pointer || p.pointer.startsWith(`${pointer}/`))) continue;
    out.push(...siteGeometryProblems(valueAt(data, at)).map((g) => ({ pointer, ...g })));
  }
  return out;
}

/**
 * What a save refuses: every field problem of the draft, none for a missing field. Sections of
 * permit types the case does not have are refused too (`/sections/<code>`).
 */
export function draftErrors(version: string, app: ApplicationDocument, permitCodes: readonly string[]): FieldProblem[] {
  const c = validatorsFor(version);
  const out = problems(c.sharedDraft, app.shared, '/shared', getApplicationForm(version).shared);
  for (const [code, section] of Object.entries(app.sections)) {
    const v = c.sectionDraft.get(code);
    if (!v || !permitCodes.includes(code)) {
      out.push({ pointer: `/sections/${code}`, da: 'Sagen har ingen tilladelse af denne type.', en: 'The case has no permit of this type.' });
      continue;
    }
    out.push(...problems(v, section, `/sections/${code}`));
  }
  return out;
}

function labelAt(schema: FormSchema, pointer: string, fallback: string): { labelDa: string; labelEn: string; source: string | undefined; inference: boolean | undefined } {
  const node = schemaAt(schema, pointer);
  return { labelDa: node?.title ?? fallback, labelEn: node?.['x-title-en'] ?? node?.title ?? fallback, source: node?.['x-source'], inference: node?.['x-inference'] };
}

/**
 * The pre-submission check of one permit (like ELiA's plausibility check): the missing or invalid
 * fields of the shared part (all of it is needed by every authority: one application) and of the
 * permit's section, and the required documents without an upload. Empty = complete ("green").
 */
export function checkPermit(version: string, app: ApplicationDocument, permitCode: string, uploads: readonly RequirementUpload[]): MissingItem[] {
  const form = getApplicationForm(version);
  const section: PermitSection | undefined = form.sections[permitCode];
  if (!section) return [];
  const c = validatorsFor(version);
  const out: MissingItem[] = [];
  const sharedUse = new Map(section.sharedFields.map((f) => [f.pointer, f]));
  for (const p of problems(c.sharedFull, app.shared, '/shared', form.shared)) {
    const inShared = p.pointer.slice('/shared'.length);
    const meta = labelAt(form.shared, inShared, inShared);
    const use = [...sharedUse.entries()].find(([ptr]) => inShared.startsWith(ptr))?.[1];
    out.push({ kind: 'field', pointer: p.pointer, labelDa: meta.labelDa, labelEn: meta.labelEn, da: p.da, en: p.en, source: use?.source ?? meta.source ?? 'L 206: the one application', inference: use?.inference ?? meta.inference ?? true });
  }
  const sectionValue = app.sections[permitCode] ?? {};
  for (const p of problems(c.sectionFull.get(permitCode) as ValidateFunction, sectionValue, `/sections/${permitCode}`)) {
    const inSection = p.pointer.slice(`/sections/${permitCode}`.length);
    const meta = labelAt(section.schema, inSection, inSection);
    out.push({ kind: 'field', pointer: p.pointer, labelDa: meta.labelDa, labelEn: meta.labelEn, da: p.da, en: p.en, source: meta.source ?? section.completenessCheck.source, inference: meta.inference ?? true });
  }
  for (const d of section.requiredDocuments) {
    if (uploads.some((u) => u.permitCode === permitCode && u.requirementKey === d.key)) continue;
    out.push({ kind: 'document', pointer: `documents/${d.key}`, labelDa: d.da, labelEn: d.en, da: 'Dokumentet mangler.', en: 'The document is missing.', source: d.source, inference: d.inference });
  }
  return out;
}
