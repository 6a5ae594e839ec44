import type { CatalogVersion, ClockRule, Duration, KnownOrUnknown, PermitType } from './types';
import { isUnknown } from './types';

export type CatalogProblemCode =
  | 'DUPLICATE_CODE'
  | 'INVALID_CODE'
  | 'MISSING_NAME'
  | 'UNKNOWN_PREREQUISITE'
  | 'SELF_PREREQUISITE'
  | 'CYCLE'
  | 'UNKNOWN_RUNS_WITH'
  | 'NEGATIVE_DURATION'
  | 'UNKNOWN_UNCONFIRMED_FIELD'
  | 'INVALID_VALIDITY'
  | 'MISSING_ROLL_RULE'
  | 'APPEAL_ON_NON_DECISION'
  | 'BAD_DECISION_VALIDITY';

export interface CatalogProblem {
  code: CatalogProblemCode;
  /** The permit the problem is on, when there is one. */
  permitCode?: string;
  message: string;
  /** For CYCLE: the cycle as a path that starts and ends with the same code, e.g. [A, B, A]. */
  cycle?: string[];
}

const CODE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERMIT_FIELDS = new Set<string>([
  'code', 'nameDa', 'nameEn', 'legalBasis', 'authority', 'serviceTarget', 'statutoryDeadline', 'typicalDuration',
  'hearing', 'appeal', 'prerequisites', 'embeddedInHostDecision', 'source', 'serviceTargetVariants', 'runsWith', 'notes',
  'instrument', 'statutoryDeadlineVariants', 'validity',
]);

function durationProblem(permitCode: string, field: string, d: KnownOrUnknown<Duration> | undefined): CatalogProblem[] {
  if (!d || isUnknown(d)) return [];
  if (!Number.isFinite(d.length) || d.length < 0) {
    return [{ code: 'NEGATIVE_DURATION', permitCode, message: `${permitCode}.${field} has an invalid length ${d.length}` }];
  }
  return [];
}

function clockDuration(rule: KnownOrUnknown<ClockRule> | undefined): Duration | undefined {
  return rule && !isUnknown(rule) ? rule.duration : undefined;
}

function durationsOf(p: PermitType): Array<[string, Duration | undefined]> {
  return [
    ['typicalDuration', p.typicalDuration],
    ['serviceTarget.duration', clockDuration(p.serviceTarget)],
    ['statutoryDeadline.duration', clockDuration(p.statutoryDeadline)],
    ['hearing.minDuration', isUnknown(p.hearing) || isUnknown(p.hearing.minDuration) ? undefined : p.hearing.minDuration],
    ['appeal.period', isUnknown(p.appeal) || isUnknown(p.appeal.period) ? undefined : p.appeal.period],
    ...(p.serviceTargetVariants ?? []).map(
      (v): [string, Duration | undefined] => [`serviceTargetVariants.${v.id}.duration`, clockDuration(v.rule)],
    ),
    ...(p.statutoryDeadlineVariants ?? []).flatMap((v): Array<[string, Duration | undefined]> => [
      [`statutoryDeadlineVariants.${v.id}.duration`, v.rule.duration],
      [`statutoryDeadlineVariants.${v.id}.extendableTo`, v.rule.extendableTo],
    ]),
    ...(isUnknown(p.hearing) ? [] : p.hearing.minimumOptions ?? []).map(
      (o): [string, Duration | undefined] => [`hearing.minimumOptions.${o.id}.minDuration`, o.minDuration],
    ),
  ];
}

/** Finds every prerequisite cycle (one path per strongly connected loop found by DFS). */
function findCycles(permits: readonly PermitType[]): string[][] {
  const byCode = new Map(permits.map((p) => [p.code, p]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];

  const visit = (code: string): void => {
    state.set(code, 'visiting');
    stack.push(code);
    for (const pre of byCode.get(code)?.prerequisites ?? []) {
      if (!byCode.has(pre.code) || pre.code === code) continue; // reported elsewhere
      const s = state.get(pre.code);
      if (s === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(pre.code)), pre.code]);
      } else if (s === undefined) {
        visit(pre.code);
      }
    }
    stack.pop();
    state.set(code, 'done');
  };

  for (const p of permits) if (!state.has(p.code)) visit(p.code);
  return cycles;
}

/**
 * Checks a catalogue version for structural problems. Returns an empty list for a clean
 * catalogue; never throws. Edges in `prerequisites` must form a DAG (the permit machine and the
 * critical path rely on it); a cycle is reported with its path, e.g. A → B → A.
 */
export function validateCatalog(catalog: CatalogVersion): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const permits = catalog.permitTypes;

  if (!ISO_DATE.test(catalog.validFrom) || (catalog.validTo !== null && !ISO_DATE.test(catalog.validTo))) {
    problems.push({ code: 'INVALID_VALIDITY', message: `Catalogue ${catalog.version} has a malformed validity date` });
  } else if (catalog.validTo !== null && catalog.validTo < catalog.validFrom) {
    problems.push({ code: 'INVALID_VALIDITY', message: `Catalogue ${catalog.version} ends (${catalog.validTo}) before it starts (${catalog.validFrom})` });
  }

  const seen = new Set<string>();
  for (const p of permits) {
    if (seen.has(p.code)) problems.push({ code: 'DUPLICATE_CODE', permitCode: p.code, message: `Permit code ${p.code} appears more than once` });
    seen.add(p.code);
  }
  const codes = seen;

  for (const p of permits) {
    if (!CODE_PATTERN.test(p.code)) {
      problems.push({ code: 'INVALID_CODE', permitCode: p.code, message: `Permit code '${p.code}' is not SCREAMING_SNAKE ASCII` });
    }
    for (const field of ['nameDa', 'nameEn'] as const) {
      if (typeof p[field] !== 'string' || p[field].trim() === '') {
        problems.push({ code: 'MISSING_NAME', permitCode: p.code, message: `${p.code} has no ${field}` });
      }
    }
    for (const pre of p.prerequisites) {
      if (pre.code === p.code) {
        problems.push({ code: 'SELF_PREREQUISITE', permitCode: p.code, message: `${p.code} lists itself as a prerequisite`, cycle: [p.code, p.code] });
      } else if (!codes.has(pre.code)) {
        problems.push({ code: 'UNKNOWN_PREREQUISITE', permitCode: p.code, message: `${p.code} requires unknown permit ${pre.code}` });
      }
    }
    for (const rw of p.runsWith ?? []) {
      if (!codes.has(rw.code)) {
        problems.push({ code: 'UNKNOWN_RUNS_WITH', permitCode: p.code, message: `${p.code} runs with unknown permit ${rw.code}` });
      }
    }
    for (const [field, d] of durationsOf(p)) problems.push(...durationProblem(p.code, field, d));
    // Every known appeal regime says how its klagefrist rolls, and where that is written.
    if (!isUnknown(p.appeal) && (!p.appeal.deadlineRoll || !p.appeal.deadlineRoll.source?.trim())) {
      problems.push({ code: 'MISSING_ROLL_RULE', permitCode: p.code, message: `${p.code} has an appeal rule without a sourced deadline roll rule` });
    }
    // A notice or an opinion is not an appealable decision (issue 13 item 3).
    if ((p.instrument === 'notice' || p.instrument === 'opinion') && !isUnknown(p.appeal)) {
      problems.push({ code: 'APPEAL_ON_NON_DECISION', permitCode: p.code, message: `${p.code} is a ${p.instrument} but has an appeal rule` });
    }
    // A decision's validity (issue 13 item 4): a length unless the decision sets it, a source, and
    // an inference is listed as unconfirmed.
    if (p.validity) {
      const v = p.validity;
      const lengthOk = v.kind === 'termSetInDecision' ? v.duration === undefined : !!v.duration && Number.isInteger(v.duration.length) && v.duration.length > 0;
      if (!lengthOk || !v.source.trim() || v.inference !== p.unconfirmedFields.includes('validity') || p.instrument === 'notice' || p.instrument === 'opinion') {
        problems.push({ code: 'BAD_DECISION_VALIDITY', permitCode: p.code, message: `${p.code} has a validity rule without a positive length, a source, or its inference marked (or on a notice/opinion)` });
      }
    }
    for (const f of p.unconfirmedFields) {
      if (!PERMIT_FIELDS.has(f.split('.')[0])) {
        problems.push({ code: 'UNKNOWN_UNCONFIRMED_FIELD', permitCode: p.code, message: `${p.code} marks unknown field '${f}' as unconfirmed` });
      }
    }
  }

  for (const cycle of findCycles(permits)) {
    problems.push({ code: 'CYCLE', permitCode: cycle[0], message: `Prerequisite cycle: ${cycle.join(' → ')}`, cycle });
  }
  return problems;
}
