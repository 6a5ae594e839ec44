import { catalogVersionAt, getCatalog, INDUSTRIAL_PARK_FAST_TRACK, UnknownPermitCodeError, type FastTrackBasis } from '@rl/permits-catalog';
import { possiblePermitsOf, type PossiblePermit } from './unknown-facts';
import type {
  AppealRule,
  CatalogVersion,
  ClockRule,
  Duration,
  HearingRule,
  KnownOrUnknown,
  PermitCode,
  PermitType,
} from '@rl/permits-catalog';
import { decideCaseCeiling, type CaseCeiling } from './case-ceiling';
import { deriveFacts, type DerivedFacts } from './derive-facts';
import { decideEligibility, type Eligibility } from './one-stop-shop';
import type { ProjectFacts } from './project-facts';
import { restrictPrerequisites, type ScreenedPrerequisite } from './restrict-prerequisites';
import { routePermit, ROUTING_RULES, type ResolvedAuthority, type RoutingRule } from './routing';
import { SCREENING_RULES, type ScreeningRule, type Text } from './rules';
import { assertValidProjectFacts } from './validate-facts';

export interface ScreeningReason extends Text {
  ruleId: string;
  statute: string;
}

export interface ScreenedPermit {
  code: PermitCode;
  nameDa: string;
  nameEn: string;
  legalBasis: string;
  /** Every trigger rule that fired for this permit. */
  reasons: ScreeningReason[];
  authority: ResolvedAuthority;
  /** Other authorities that take part (e.g. AT for Seveso); never the deciding one. */
  coAuthorities: ResolvedAuthority[];
  /** Routing rules that moved the decision away from the catalogue default, or added co-authorities. */
  routedBy: ScreeningReason[];
  prerequisites: ScreenedPrerequisite[];
  /** The service target that applies to THIS project (a catalogue variant may replace the default). */
  serviceTarget: KnownOrUnknown<ClockRule>;
  /** Id of the catalogue `serviceTargetVariants` entry used, if any. */
  serviceTargetVariant: string | null;
  /** The statutory deadline that applies to THIS project (a catalogue variant may replace it). */
  statutoryDeadline: KnownOrUnknown<ClockRule>;
  /** Id of the catalogue `statutoryDeadlineVariants` entry used, if any (e.g. CHANGE_OF_AUTHORISATION). */
  statutoryDeadlineVariant: string | null;
  typicalDuration: Duration;
  hearing: KnownOrUnknown<HearingRule>;
  appeal: KnownOrUnknown<AppealRule>;
  embeddedInHostDecision: boolean;
}

/** A permit the rules would need that the designated park's settled plan basis covers. */
export interface CoveredPermit {
  code: PermitCode;
  nameDa: string;
  nameEn: string;
  /** The trigger rules that fired (and would have made it needed outside the park). */
  reasons: ScreeningReason[];
}

/** The fast track of a designated industrial park (issue 13 item 19); every effect is an inference. */
export interface IndustrialParkScreening {
  fastTrack: string;
  source: string;
  recommendation: string;
  /** Plan permits not needed in the park (PL §§13, 23c, 24 covered by the designation; inference). */
  coveredPermits: CoveredPermit[];
  /** True when the project's VVM screening relies on the park's plan-level assessment. */
  eiaScreeningOnPlanAssessment: boolean;
  ceilingMonths: 12 | 18;
  /** The ceiling the same project would get outside the park (with the covered permits). */
  ceilingMonthsOutsidePark: 12 | 18;
  basis: Array<{ effect: 'planBasis' | 'planLevelAssessment' | 'ceilingAndTargets' | 'notCovered' } & FastTrackBasis>;
}

export interface ScreeningResult {
  catalogVersion: string;
  /** Permits in catalogue order (which follows the research's typical order). */
  permits: ScreenedPermit[];
  caseCeiling: CaseCeiling;
  eligibleForOneStopShop: Eligibility;
  /** Informational notes (e.g. national strategic importance → possible ministerial call-in). */
  notes: Text[];
  /** What the catalogue derived from the facts (listed activity, EIA track) and from what. */
  derived: Pick<DerivedFacts, 'listedActivity' | 'eiaAnnex'>;
  /** Permits that an explicit "don't know" answer (`unknownFacts`) may add, each with the questions
   *  to settle (issue 13 item 15); empty when nothing is unknown. */
  possiblePermits: PossiblePermit[];
  /** The "don't know" answers still open that decide whether a permit is needed. */
  unsettledFacts: string[];
  /** The designated-park fast track applied to the project; null outside a designated park. */
  industrialPark: IndustrialParkScreening | null;
}

/** The park's plan-level assessment, shown on the VVM screening as the basis it relies on (inference). */
export const PARK_EIA_PLAN_ASSESSMENT_REASON: ScreeningReason = {
  ruleId: 'PARK-EIA-PLAN-ASSESSMENT',
  statute: INDUSTRIAL_PARK_FAST_TRACK.planLevelAssessment.statute,
  da: 'Udpeget industripark: screeningen kan støtte sig til parkens miljøvurdering på planniveau (slutning, ikke lovtekst).',
  en: "Designated industrial park: the screening can rely on the park's plan-level environmental assessment (inference, not statute text).",
};

export interface ScreenOptions {
  /** Catalogue version id; default: the version valid on `today`. */
  catalogVersion?: string;
  /** ISO date (YYYY-MM-DD) the screening is made on; default: the current UTC date. */
  today?: string;
  /** Override the rule sets (tests, what-if). Defaults: SCREENING_RULES, ROUTING_RULES. */
  rules?: readonly ScreeningRule[];
  routingRules?: readonly RoutingRule[];
  /** False: skip the "don't know" rescreens (used by those rescreens themselves). Default true. */
  possiblePermits?: boolean;
}

/** Picks the catalogue service-target variant that applies to the project, if any. */
function serviceTargetVariantId(permit: PermitType, facts: ProjectFacts, applicable: ReadonlySet<PermitCode>): string | null {
  const ids = new Set((permit.serviceTargetVariants ?? []).map((v) => v.id));
  let id: string | null = null;
  if (permit.code === 'MILJOEGODKENDELSE' && facts.listedActivity) {
    id = facts.listedActivity.annex === 'annex2' ? 'ANNEX_2' : 'ANNEX_1';
  } else if (permit.code === 'BUILDING_PERMIT') {
    // Servicemål exception: no target for projects that need an EIA permit or a new lokalplan.
    if (applicable.has('VVM_PERMIT') || applicable.has('LOKALPLAN')) id = 'VVM_OR_NEW_LOKALPLAN';
    else id = facts.buildingUse === 'multiStoreyCommercial' ? 'MULTI_STOREY_COMMERCIAL' : 'INDUSTRY';
  }
  return id !== null && ids.has(id) ? id : null;
}

/** Picks the catalogue statutory-deadline variant that applies to the project, if any. */
function statutoryDeadlineVariantId(permit: PermitType, facts: ProjectFacts): string | null {
  const ids = new Set((permit.statutoryDeadlineVariants ?? []).map((v) => v.id));
  // BEK 1358/2012 §6(2): a change to an existing authorisation, 30 days (extendable to 90).
  const id = permit.code === 'GMP_MANUFACTURING' && facts.medicinalAuthorisationChange === true ? 'CHANGE_OF_AUTHORISATION' : null;
  return id !== null && ids.has(id) ? id : null;
}

function findPermit(catalog: CatalogVersion, code: PermitCode): PermitType {
  const p = catalog.permitTypes.find((x) => x.code === code);
  if (!p) throw new UnknownPermitCodeError(code, catalog.version);
  return p;
}

/**
 * Which permits a project needs, why, who decides them, in which order, and with which clocks.
 * Pure apart from the default `today` (pass it for deterministic results).
 * Throws `ScreeningValidationError` for invalid or contradictory facts.
 */
export function screen(declaredFacts: ProjectFacts, options: ScreenOptions = {}): ScreeningResult {
  assertValidProjectFacts(declaredFacts);
  const derived = deriveFacts(declaredFacts);
  const facts = derived.facts;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const catalog = options.catalogVersion ? getCatalog(options.catalogVersion) : catalogVersionAt(today);
  const rules = options.rules ?? SCREENING_RULES;

  const reasonsByCode = new Map<PermitCode, ScreeningReason[]>();
  for (const rule of rules) {
    findPermit(catalog, rule.permitCode); // a rule for a permit missing from the version is a bug
    if (!rule.when(facts)) continue;
    const list = reasonsByCode.get(rule.permitCode) ?? [];
    list.push({ ruleId: rule.id, da: rule.reason.da, en: rule.reason.en, statute: rule.statute });
    reasonsByCode.set(rule.permitCode, list);
  }
  // Designated industrial park (issue 13 item 19, inference): the settled plan basis covers the
  // plan permits; the VVM screening relies on the park's plan-level assessment.
  const park = facts.inIndustrialPark === true ? INDUSTRIAL_PARK_FAST_TRACK : null;
  const coveredByPark: CoveredPermit[] = [];
  if (park) {
    for (const code of park.planBasis.coveredPermits) {
      const reasons = reasonsByCode.get(code);
      if (!reasons) continue;
      reasonsByCode.delete(code);
      const t = findPermit(catalog, code);
      coveredByPark.push({ code, nameDa: t.nameDa, nameEn: t.nameEn, reasons });
    }
    for (const code of park.planLevelAssessment.permits) reasonsByCode.get(code)?.push(PARK_EIA_PLAN_ASSESSMENT_REASON);
  }
  const applicable = new Set(reasonsByCode.keys());

  const permits: ScreenedPermit[] = catalog.permitTypes
    .filter((p) => applicable.has(p.code))
    .map((p) => {
      const routing = routePermit(p, facts, options.routingRules ?? ROUTING_RULES);
      const variantId = serviceTargetVariantId(p, facts, applicable);
      const variant = p.serviceTargetVariants?.find((v) => v.id === variantId);
      const statutoryVariantId = statutoryDeadlineVariantId(p, facts);
      const statutoryVariant = p.statutoryDeadlineVariants?.find((v) => v.id === statutoryVariantId);
      return {
        code: p.code,
        nameDa: p.nameDa,
        nameEn: p.nameEn,
        legalBasis: p.legalBasis,
        reasons: reasonsByCode.get(p.code) ?? [],
        authority: routing.authority,
        coAuthorities: routing.coAuthorities,
        routedBy: routing.routedBy,
        prerequisites: restrictPrerequisites(p.code, applicable, catalog),
        serviceTarget: variant ? variant.rule : p.serviceTarget,
        serviceTargetVariant: variant ? variant.id : null,
        statutoryDeadline: statutoryVariant ? statutoryVariant.rule : p.statutoryDeadline,
        statutoryDeadlineVariant: statutoryVariant ? statutoryVariant.id : null,
        typicalDuration: p.typicalDuration,
        hearing: p.hearing,
        appeal: p.appeal,
        embeddedInHostDecision: p.embeddedInHostDecision,
      };
    });

  const authorityLevels = new Set<'municipal' | 'state'>();
  for (const p of permits) {
    for (const a of [p.authority, ...p.coAuthorities]) if (a.level !== 'other') authorityLevels.add(a.level);
  }

  const eligibleForOneStopShop = decideEligibility({
    authorityLevels,
    investmentDkk: facts.investmentDkk,
    netZeroOrCriticalRawMaterials: facts.netZeroOrCriticalRawMaterials,
    // L 206 §2: needs a miljøgodkendelse (a listed activity) or is under regular inspection.
    productionCompany: !!facts.listedActivity || applicable.has('MILJOEGODKENDELSE') || facts.regularEnvironmentalInspection === true,
  });
  const ceilingOf = (extra: readonly PermitCode[]) => {
    const levels = new Set(authorityLevels);
    if (extra.length > 0) levels.add('municipal'); // the plan permits are the municipality's
    return decideCaseCeiling(
      {
        permitCodes: [...permits.map((p) => p.code), ...extra],
        separatePermitCount: permits.filter((p) => !p.embeddedInHostDecision).length + extra.length,
        authorityLevels: levels,
      },
      eligibleForOneStopShop.eligible,
    );
  };
  const ceiling = ceilingOf([]);
  const caseCeiling = coveredByPark.length === 0 ? ceiling : {
    ...ceiling,
    reason: {
      da: `${ceiling.reason.da} Udpeget industripark: plangrundlaget er afklaret (${coveredByPark.map((p) => p.nameDa).join(', ')} indgår ikke; slutning).`,
      en: `${ceiling.reason.en} Designated industrial park: the plan basis is settled (${coveredByPark.map((p) => p.nameEn).join(', ')} not needed; inference).`,
    },
  };
  const industrialPark: IndustrialParkScreening | null = park
    ? {
        fastTrack: park.id,
        source: park.source,
        recommendation: park.recommendation,
        coveredPermits: coveredByPark,
        eiaScreeningOnPlanAssessment: applicable.has('VVM_SCREENING'),
        ceilingMonths: caseCeiling.months,
        ceilingMonthsOutsidePark: ceilingOf(coveredByPark.map((p) => p.code)).months,
        basis: [
          { effect: 'planBasis', ...park.planBasis.basis },
          { effect: 'planLevelAssessment', ...park.planLevelAssessment.basis },
          { effect: 'ceilingAndTargets', ...park.ceilingAndTargets.basis },
          { effect: 'notCovered', ...park.notCovered.basis },
        ],
      }
    : null;

  const notes: Text[] = [];
  if (facts.nationalStrategicImportance) {
    notes.push({
      da: 'Projekt af national strategisk betydning: ministeren kan overtage kommunale beføjelser (L 206, call-in).',
      en: 'Project of national strategic importance: the minister may take over municipal powers (L 206 call-in).',
    });
  }
  if (facts.inIndustrialPark) {
    notes.push({ da: 'Grunden ligger i en udpeget industripark (L 206).', en: 'The site is in a designated industrial park (L 206).' });
  }

  // "Don't know" answers: what the other answer would add (each rescreened without unknowns).
  const possiblePermits = declaredFacts.unknownFacts?.length && options.possiblePermits !== false
    ? possiblePermitsOf(declaredFacts, applicable, (f) => screen(f, { ...options, catalogVersion: catalog.version, possiblePermits: false }))
    : [];

  return {
    catalogVersion: catalog.version,
    possiblePermits,
    unsettledFacts: [...new Set(possiblePermits.flatMap((p) => p.settle))],
    permits,
    caseCeiling,
    industrialPark,
    eligibleForOneStopShop,
    notes,
    derived: { listedActivity: derived.listedActivity, eiaAnnex: derived.eiaAnnex },
  };
}
