/**
 * Across authorities (issue 17): referrals, gateways, delegation and call-in — as catalogue data
 * with sources, and the pure rules over it. No framework imports (type:domain).
 *
 * Legal terms, documented once:
 * - *høring af anden myndighed* / referral: the deciding authority asks another authority for an
 *   **opinion** (udtalelse: advice, the decider may depart from it) or its **consent** (samtykke:
 *   the permit cannot be given without it). Anchor: Germany's BImSchG 2024 reform, §10(5): the
 *   consulted authority answers within one month, then the permitting authority proceeds
 *   without it (anchors.md B4 [D2]); BC PIES models the REFERRAL state (anchors.md [B1]).
 * - *delegation* (L 206): municipalities may delegate cases to each other by voluntary agreement
 *   (permits-research.md §2 "Law L 206" ✔).
 * - *call-in* (L 206): the environment minister and the minister for the green tripartite may take
 *   over municipal powers in special cases (permits-research.md §2 ✔).
 */
import { weeks } from './catalog-builders';
import type { Duration, PermitCode } from './types';

/** Who is asked, by kind: resolved to the concrete authority from the case (the site's region). */
export type ReferralTarget = { kind: 'region' } | { kind: 'stateAgency'; agency: 'VD' | 'SLKS' | 'KDI' | 'MST' } | { kind: 'museum' };

/** A referral the catalogue knows: which permit asks whom, for what, and how long the answer may take. */
export interface ReferralRule {
  /** Stable id, e.g. 'JFL_8_REGION'. */
  id: string;
  permitCode: PermitCode;
  target: ReferralTarget;
  /** 'opinion' (udtalelse, advice) or 'consent' (samtykke, binding). */
  kind: 'opinion' | 'consent';
  /** How long the asked authority has to answer, counted from the day the referral is sent. */
  answerWithin: Duration;
  /** Where `answerWithin` comes from; `answerWithinInference` true when it is our inference. */
  answerWithinSource: string;
  answerWithinInference: boolean;
  /** Whether the permit's clock stops while the referral is open (stop reason `awaitingOtherAuthority`). */
  stopsClock: boolean;
  stopsClockSource: string;
  /** True when `stopsClock` is our inference (no statute read says so). */
  stopsClockInference: boolean;
  /** When the referral is needed, in plain words. */
  appliesWhen: { da: string; en: string };
  source: string;
}

/**
 * The museum's opinion (museumsloven §25) asked before `permitCode`: advice that never blocks
 * `blocks`; its answer period is our inference (the catalogue's typical duration of the opinion).
 */
function museumOpinion(id: string, permitCode: PermitCode, blocks: string, appliesWhen: ReferralRule['appliesWhen'], source: string): ReferralRule {
  return {
    id,
    permitCode,
    target: { kind: 'museum' },
    kind: 'opinion',
    answerWithin: weeks(4),
    answerWithinSource: '~ inference: the museum\'s answer period is not in the research; 4 weeks = the catalogue\'s typical duration of the museum opinion',
    answerWithinInference: true,
    stopsClock: false,
    stopsClockSource: `Museumsloven §25: the opinion is advice (permits-research.md §1 #25 ✔), it never blocks ${blocks}`,
    stopsClockInference: false,
    appliesWhen,
    source,
  };
}

/** The referrals of the catalogue (data; every value with its source, inferences marked). */
export const REFERRAL_RULES: readonly ReferralRule[] = Object.freeze([
  {
    id: 'JFL_8_REGION',
    permitCode: 'JFL_8',
    target: { kind: 'region' },
    kind: 'opinion',
    answerWithin: weeks(4),
    answerWithinSource: 'JFL §8(3): the Region is consulted, 4 weeks (permits-research.md §1 #11 ✔)',
    answerWithinInference: false,
    stopsClock: false,
    stopsClockSource: '~ inference: the §8 permit has no statutory deadline; the Region\'s 4 weeks are part of the municipality\'s own processing, so no stop',
    stopsClockInference: true,
    appliesWhen: { da: 'Byggeri på kortlagt jord: Regionen høres.', en: 'Building on mapped soil: the Region is consulted.' },
    source: 'Jordforureningsloven §8(3); permits-research.md §1 #11',
  },
  {
    id: 'ROAD_ACCESS_VD_CONSENT',
    permitCode: 'ROAD_ACCESS',
    target: { kind: 'stateAgency', agency: 'VD' },
    kind: 'consent',
    answerWithin: weeks(4),
    answerWithinSource: '~ inference: no answer period read; 4 weeks by analogy with JFL §8(3) and BImSchG §10(5) (one month)',
    answerWithinInference: true,
    stopsClock: true,
    stopsClockSource: '~ inference: a consent binds the decision (the municipality cannot decide without it), so the clock waits for the other authority',
    stopsClockInference: true,
    appliesWhen: { da: 'Adgang inden for 100 m (50 m i byzone) af en statsvej: Vejdirektoratets samtykke.', en: 'Access within 100 m (50 m in towns) of a state road: the Road Directorate\'s consent.' },
    source: 'Vejloven §§49–50; permits-research.md §1 #24 ("VD\'s consent within 100 m (50 m in towns) of a state road" ✔)',
  },
  museumOpinion(
    'LOKALPLAN_MUSEUM',
    'LOKALPLAN',
    'the plan',
    { da: 'Spørg museet før lokalplanen (museumsloven §25).', en: 'Ask the museum before the local plan (Museum Act §25).' },
    'Museumsloven §25; permits-research.md §1 #25 and "Typical order" step 1',
  ),
  museumOpinion(
    'BUILDING_PERMIT_MUSEUM',
    'BUILDING_PERMIT',
    'the building permit',
    { da: 'Jordarbejder: spørg museet (museumsloven §25); et fund standser arbejdet (§27).', en: 'Ground works: ask the museum (Museum Act §25); a find stops the work (§27).' },
    'Museumsloven §§25, 27; permits-research.md §1 #25',
  ),
] satisfies ReferralRule[]);

/** The catalogue's referral rules for a permit type. */
export function referralRulesFor(permitCode: PermitCode): ReferralRule[] {
  return REFERRAL_RULES.filter((r) => r.permitCode === permitCode);
}

/** The authority code a referral target resolves to on a site in `regionCode` (the seed's codes). */
export function referralTargetCode(t: ReferralTarget, regionCode: string): string {
  if (t.kind === 'region') return `REGION-${regionCode}`;
  if (t.kind === 'museum') return 'MUSEUM';
  return t.agency;
}

// ---------------------------------------------------------------------------------------------
// Gateways (issue 17 item 4): an optional stage view over the dependency graph.

export type GatewayId = 'plan' | 'environment' | 'construction' | 'operation';

export interface GatewayRule {
  id: GatewayId;
  nameDa: string;
  nameEn: string;
  /** Permit types in this stage. */
  permitCodes: PermitCode[];
  /** What "cleared" means for a permit in it: decided, or final (appeal period over). */
  clearsWhen: 'decided' | 'final';
  source: string;
}

/**
 * Four stages in the order of permits-research.md §1 "Typical order (inference)" — plan track,
 * environment (miljøgodkendelse with water, soil, nature, road), construction (building permit
 * after the appeal deadlines, step 4–5), operation (GMO, DKMA, CO₂, grid, steps 6–7). Singapore's
 * CORENET X clears a gateway "only when all relevant requirements by all the agencies are met"
 * (anchors.md [S2]). The grouping is our inference from the typical order; `clearsWhen` 'final'
 * for plan and environment because the building permit waits for those appeal deadlines
 * (step 4 "Appeal deadlines expire") — also an inference.
 */
export const GATEWAYS: readonly GatewayRule[] = Object.freeze([
  {
    id: 'plan',
    nameDa: 'Plan',
    nameEn: 'Plan',
    permitCodes: ['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'LANDZONE', 'VVM_SCREENING', 'VVM_PERMIT', 'ARCHAEOLOGY'],
    clearsWhen: 'final',
    source: '~ inference from permits-research.md §1 "Typical order" steps 1–2 (plan track, VVM) and step 4 (appeal deadlines expire)',
  },
  {
    id: 'environment',
    nameDa: 'Miljø',
    nameEn: 'Environment',
    permitCodes: [
      'MILJOEGODKENDELSE',
      'UDLEDNINGSTILLADELSE',
      'TILSLUTNINGSTILLADELSE',
      'VANDINDVINDING',
      'GRUNDVANDSSAENKNING',
      'JFL_8',
      'NBL_3_DISPENSATION',
      'PROTECTION_LINE_DISPENSATION',
      'HABITAT_ASSESSMENT',
      'SEVESO_RISK',
      'FLAMMABLE_LIQUIDS',
      'ROAD_ACCESS',
      'HEAT_SUPPLY_PROJECT',
    ],
    clearsWhen: 'final',
    source: '~ inference from permits-research.md §1 "Typical order" steps 3–4',
  },
  {
    id: 'construction',
    nameDa: 'Byggeri',
    nameEn: 'Construction',
    permitCodes: ['BUILDING_PERMIT', 'CONSTRUCTION_SITE_NOTICE'],
    clearsWhen: 'decided',
    source: '~ inference from permits-research.md §1 "Typical order" step 5',
  },
  {
    id: 'operation',
    nameDa: 'Drift',
    nameEn: 'Operation',
    permitCodes: ['GMO_CONTAINED_USE', 'GMO_PRODUCTION', 'GMP_MANUFACTURING', 'CO2_PERMIT', 'GRID_CONNECTION'],
    clearsWhen: 'decided',
    source: '~ inference from permits-research.md §1 "Typical order" steps 6–7',
  },
] satisfies GatewayRule[]);

/** What a gateway reads about a permit. */
export interface GatewayPermit {
  id: string;
  code: PermitCode;
  /** Flat permit state ('decided.appealPeriod', 'final', …). */
  state: string;
  outcome: string | null;
}

export interface GatewayView {
  id: GatewayId;
  nameDa: string;
  nameEn: string;
  clearsWhen: 'decided' | 'final';
  source: string;
  /** 'cleared' (every permit in it cleared), 'open', or 'empty' (the case needs none of its permits). */
  status: 'cleared' | 'open' | 'empty';
  permits: { id: string; code: PermitCode; cleared: boolean }[];
}

/** Whether one permit clears its gateway: withdrawn permits do not count; a refusal never clears. */
function clears(p: GatewayPermit, when: 'decided' | 'final'): boolean {
  if (p.outcome === 'refused') return false;
  if (p.state === 'final') return true;
  return when === 'decided' && p.state.startsWith('decided');
}

/**
 * The gateways of a case: each stage with its permits and whether it cleared. Withdrawn permits
 * are left out (the case no longer needs them); a stage with no permit is 'empty'.
 */
export function gatewaysOf(permits: readonly GatewayPermit[]): GatewayView[] {
  const live = permits.filter((p) => p.state !== 'withdrawn');
  return GATEWAYS.map((g) => {
    const inGate = live.filter((p) => g.permitCodes.includes(p.code)).map((p) => ({ id: p.id, code: p.code, cleared: clears(p, g.clearsWhen) }));
    const status = inGate.length === 0 ? 'empty' : inGate.every((p) => p.cleared) ? 'cleared' : 'open';
    return { id: g.id, nameDa: g.nameDa, nameEn: g.nameEn, clearsWhen: g.clearsWhen, source: g.source, status, permits: inGate };
  });
}

// ---------------------------------------------------------------------------------------------
// Delegation and call-in (issue 17 item 5).

export type AuthorityChangeKind = 'delegation' | 'callIn';

export interface AuthorityChangeRule {
  kind: AuthorityChangeKind;
  /** The rule's stable id, named in a refusal. */
  ruleId: string;
  /** Authority kinds the permit may move FROM. */
  fromKinds: string[];
  /** Authority kinds the permit may move TO. */
  toKinds: string[];
  legalBasis: string;
  /** Plain words of the rule, named in a 422. */
  rule: { da: string; en: string };
  inference: boolean;
}

export const AUTHORITY_CHANGE_RULES: Readonly<Record<AuthorityChangeKind, AuthorityChangeRule>> = Object.freeze({
  delegation: {
    kind: 'delegation',
    ruleId: 'L206_DELEGATION_MUNICIPALITIES_ONLY',
    fromKinds: ['municipality'],
    toKinds: ['municipality'],
    legalBasis: 'L 206 (2024-25): municipalities may delegate cases to each other by voluntary agreement (permits-research.md §2 ✔)',
    rule: {
      da: 'Efter L 206 kan en kommune kun delegere en sag til en anden kommune (frivillig aftale).',
      en: 'Under L 206 a municipality may delegate a case only to another municipality (voluntary agreement).',
    },
    inference: false,
  },
  callIn: {
    kind: 'callIn',
    ruleId: 'L206_CALL_IN_MUNICIPAL_POWERS',
    fromKinds: ['municipality'],
    toKinds: ['stateAgency'],
    legalBasis:
      'L 206 (2024-25): the environment minister and the minister for the green tripartite may take over municipal powers in special cases (permits-research.md §2 ✔); that the minister acts through a state agency (e.g. Miljøstyrelsen) is our inference',
    rule: {
      da: 'Efter L 206 kan en minister kun hjemtage kommunale beføjelser; sagen overgår til en statslig myndighed.',
      en: 'Under L 206 a minister may take over only municipal powers; the case moves to a state authority.',
    },
    inference: true,
  },
});

/** Why a change of authority is not allowed (null = allowed): the rule it breaks. */
export function authorityChangeViolation(kind: AuthorityChangeKind, fromKind: string, toKind: string, sameAuthority: boolean): AuthorityChangeRule | null {
  const rule = AUTHORITY_CHANGE_RULES[kind];
  if (sameAuthority) return rule;
  return rule.fromKinds.includes(fromKind) && rule.toKinds.includes(toKind) ? null : rule;
}
