/**
 * The L 206 ceiling on the whole approval process (godkendelsesforløb): 18 months, 12 months for
 * "simple cases". This is the ONE place that defines "simple".
 *
 * Every criterion below is an INFERENCE (`basis.kind`): no source read here defines "simple".
 * RESEARCH GAP: L 206 does not (in what the research read) define "simple case", nor the counting
 * rules behind the ceilings (whether the applicant's time and appeals are excluded; see
 * permits-research.md §2, "Gap"). Until L 206's explanatory notes and §3.7 of the høringsnotat
 * have been read, we use this conservative, documented proxy. A case is simple only if ALL hold:
 *
 * 1. NO_EIA_PERMIT – no VVM permit: scoping + impact report + ≥ 8-week hearing typically take
 *    12–24 months on their own, which cannot fit a 12-month ceiling.
 * 2. NO_NEW_PLAN – no kommuneplantillæg / lokalplan: plan work is typically 6–12 months with an
 *    8-week hearing and a 4-week appeal period before the building permit may follow.
 * 3. NO_SEVESO – no Seveso risk site: several authorities must each accept the safety level.
 * 4. NO_GMO_PRODUCTION – no GMO production approval: published, appeal suspends, MST + municipality.
 * 5. FEW_PERMITS – at most SIMPLE_CASE_MAX_PERMITS separate permits (embedded gates such as the
 *    habitat assessment are not counted): more permits mean more hand-overs and appeal periods.
 * 6. ONE_AUTHORITY_LEVEL – only municipal or only state authorities (museum and grid company not
 *    counted): no cross-level coordination is needed.
 */
import type { Text } from './rules';

export const CEILING_MONTHS = { standard: 18, simple: 12 } as const;
export const SIMPLE_CASE_MAX_PERMITS = 5;

export interface CaseShape {
  permitCodes: string[];
  /** Non-embedded permits, i.e. what is counted for FEW_PERMITS. */
  separatePermitCount: number;
  /** Authority levels involved ('municipal' / 'state'), including co-authorities. */
  authorityLevels: Set<'municipal' | 'state'>;
}

export interface SimpleCaseCriterion {
  id: string;
  holds: (c: CaseShape) => boolean;
  failed: Text;
  /** Why the criterion is there: 'source' = a source says so; 'inference' = our reasoning, to be
   *  checked against L 206's explanatory notes (issue 13 item 16). */
  basis: { kind: 'source' | 'inference'; text: string };
}

export const SIMPLE_CASE_CRITERIA: readonly SimpleCaseCriterion[] = [
  {
    id: 'NO_EIA_PERMIT',
    holds: (c) => !c.permitCodes.includes('VVM_PERMIT'),
    basis: { kind: 'inference', text: 'permits-research.md §1 #5: an EIA permit typically takes 12–24 months (~) with a ≥ 8-week hearing (MVL §35), which cannot fit a 12-month ceiling.' },
    failed: { da: 'Projektet kræver VVM-tilladelse.', en: 'The project needs an EIA permit.' },
  },
  {
    id: 'NO_NEW_PLAN',
    holds: (c) => !c.permitCodes.includes('LOKALPLAN') && !c.permitCodes.includes('KOMMUNEPLANTILLAEG'),
    basis: { kind: 'inference', text: 'permits-research.md §1 #1–2: plan work typically 6–12 months (~) plus an 8-week hearing (PL §24(3)) and a 4-week klagefrist (PL §60).' },
    failed: { da: 'Projektet kræver ny planlægning.', en: 'The project needs new planning.' },
  },
  {
    id: 'NO_SEVESO',
    holds: (c) => !c.permitCodes.includes('SEVESO_RISK'),
    basis: { kind: 'inference', text: 'permits-research.md §1 #15: several authorities (environment, AT, fire service, police) each accept the safety level.' },
    failed: { da: 'Projektet er en risikovirksomhed (Seveso).', en: 'The project is a Seveso site.' },
  },
  {
    id: 'NO_GMO_PRODUCTION',
    holds: (c) => !c.permitCodes.includes('GMO_PRODUCTION'),
    basis: { kind: 'inference', text: 'permits-research.md §1 #18: the approval is published and an appeal suspends it.' },
    failed: { da: 'Projektet kræver GMO-produktionsgodkendelse.', en: 'The project needs a GMO production approval.' },
  },
  {
    id: 'FEW_PERMITS',
    holds: (c) => c.separatePermitCount <= SIMPLE_CASE_MAX_PERMITS,
    basis: { kind: 'inference', text: 'No source sets a number: more permits mean more hand-overs and klagefrister; 5 is our proxy.' },
    failed: {
      da: `Projektet kræver mere end ${SIMPLE_CASE_MAX_PERMITS} tilladelser.`,
      en: `The project needs more than ${SIMPLE_CASE_MAX_PERMITS} permits.`,
    },
  },
  {
    id: 'ONE_AUTHORITY_LEVEL',
    holds: (c) => c.authorityLevels.size <= 1,
    basis: { kind: 'inference', text: 'No source: cross-level coordination is our proxy for complexity. Note it also makes every state-and-municipal case non-simple, though that is an eligibility criterion of L 206 (ERU question 278), not a mark of complexity.' },
    failed: { da: 'Både statslige og kommunale myndigheder er involveret.', en: 'Both state and municipal authorities are involved.' },
  },
];

export interface CaseCeiling {
  /** False when the project is not eligible for Én indgang: L 206's ceiling does not apply and the
   *  case is an ordinary multi-permit case; `months` is then only the yardstick shown. */
  appliesUnderL206: boolean;
  months: 12 | 18;
  simple: boolean;
  reason: Text;
  /** Criteria that made the case non-simple (empty when simple). */
  failedCriteria: Array<{ id: string } & Text>;
}

const NOT_UNDER_L206: Text = {
  da: 'Ikke omfattet af Én indgang (L 206): intet lovbestemt loft; en almindelig sag med flere tilladelser. ',
  en: 'Not eligible for Én indgang (L 206): no statutory ceiling; an ordinary multi-permit case. ',
};

/** The ceiling, marked as not applying when the project is not eligible (`eligible` false). */
export function decideCaseCeiling(shape: CaseShape, eligible = true): CaseCeiling {
  const ceiling = simpleOrStandard(shape);
  if (eligible) return ceiling;
  return {
    ...ceiling,
    appliesUnderL206: false,
    reason: { da: NOT_UNDER_L206.da + ceiling.reason.da, en: NOT_UNDER_L206.en + ceiling.reason.en },
  };
}

function simpleOrStandard(shape: CaseShape): CaseCeiling {
  const failed = SIMPLE_CASE_CRITERIA.filter((c) => !c.holds(shape)).map((c) => ({ id: c.id, ...c.failed }));
  if (failed.length === 0) {
    return {
      appliesUnderL206: true,
      months: CEILING_MONTHS.simple,
      simple: true,
      reason: {
        da: 'Enkel sag: loft på 12 måneder (L 206). Alle kriterier for en enkel sag er opfyldt.',
        en: 'Simple case: 12-month ceiling (L 206). All simple-case criteria hold.',
      },
      failedCriteria: [],
    };
  }
  return {
    appliesUnderL206: true,
    months: CEILING_MONTHS.standard,
    simple: false,
    reason: {
      da: `Loft på 18 måneder (L 206): ${failed.map((f) => f.da).join(' ')}`,
      en: `18-month ceiling (L 206): ${failed.map((f) => f.en).join(' ')}`,
    },
    failedCriteria: failed,
  };
}
