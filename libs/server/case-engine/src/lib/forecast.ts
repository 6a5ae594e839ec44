/**
 * The Monte Carlo forecast of a case (issue 16 item 3), built from its permit rows: what each
 * permit still has to run (@rl/critical-path's simulator), with its processing-time distribution
 * fitted on the product's own decided permits of the same type at the same authority, or the
 * catalogue's typical duration while that history is thin. Pure: the history comes in as data.
 */
import { addDuration, calendarDaysBetween, toCopenhagenDate, type Duration } from '@rl/clocks';
import { applyWhatIf, caseRisk, ceilingRisk, fitLognormal, lognormalFromMoments, simulateForecast, MIN_RUNS, seedOf, type CeilingRisk, type ForecastNode, type ForecastResult, type Lognormal, type WhatIf } from '@rl/critical-path';
import { appealPeriodOf } from '@rl/permits-catalog';
import { CALENDAR, computeRisk, type PermitRiskInput } from './permit-clocks';
import { appealEndsOn, jointHearingFloorOf, permitTypeOf, planForCase, refusedAndAwaited, type JointHearingFloor } from './planning';
import type { PermitRow, Risk } from './rows';

/** Log-moments of decided permits' elapsed days per `code|authorityId` (see ForecastService). */
export interface HistoryMoments {
  n: number;
  meanLog: number;
  sdLog: number;
}
export type DurationHistory = ReadonlyMap<string, HistoryMoments>;

export const historyKey = (code: string, authorityId: string) => `${code}|${authorityId}`;

const daysOf = (from: string, d: Duration) => Math.max(0, calendarDaysBetween(from, addDuration(from, d, CALENDAR)));

export interface CaseForecastInput {
  caseId: string;
  permits: PermitRow[];
  now: Date;
  ceilingDueOn: string | null;
  /** When the ceiling clock started (submission); the case risk counts its share from here. */
  ceilingStartOn: string | null;
  history: DurationHistory;
  /** The agreed plan's start dates: a permit does not start before its planned start. */
  plannedStartOn?: ReadonlyMap<string, string>;
  /** Open joint hearings (issue 17): covered permits are not decided before their one period ends. */
  jointHearings?: readonly JointHearingFloor[];
  /** Issue 17: per permit id, the latest answer date of its open referrals (a running permit is not decided before it). */
  waitUntil?: ReadonlyMap<string, string>;
  runs?: number;
}

export interface CaseForecast extends ForecastResult {
  asOf: string;
  projectedCompletion: string;
  ceilingRisk: CeilingRisk | null;
  /** Per permit id: which distribution was used. */
  sources: Record<string, Lognormal['source'] | 'actual'>;
  /** Permit code → id (codes are unique among a case's live permits). */
  permitIds: Record<string, string>;
}

function nodesOf(input: CaseForecastInput) {
  const today = toCopenhagenDate(input.now);
  const live = input.permits.filter((p) => p.state !== 'withdrawn' && !p.superseded_by);
  const sources: CaseForecast['sources'] = {};
  const jointFloor = jointHearingFloorOf(input.jointHearings ?? []);
  // A refusal a dependant waits for is drawn as a new application filed today (see refusedAndAwaited).
  const reapply = refusedAndAwaited(live);
  const nodes: ForecastNode[] = live.map((p) => {
    const type = permitTypeOf(p);
    const appeal = appealPeriodOf(type);
    const base = { code: p.code, prerequisites: p.prerequisites.map((x) => ({ code: x.code, requires: x.requires })) };
    if ((p.state === 'final' || p.state.startsWith('decided')) && !reapply.has(p.code)) {
      sources[p.id] = 'actual';
      const decidedOn = p.decided_at ? toCopenhagenDate(p.decided_at) : today;
      const appealEnd = appealEndsOn(p, today);
      // Final from the day after the klagefrist's last day (as the critical path counts).
      const appealDays = appealEnd ? Math.max(0, calendarDaysBetween(decidedOn, appealEnd)) + 1 : appeal ? daysOf(decidedOn, appeal) + 1 : 0;
      return { ...base, status: p.state === 'final' ? ('final' as const) : ('decided' as const), decidedOn, finalOn: p.final_at ? toCopenhagenDate(p.final_at) : undefined, appealDays };
    }
    const h = input.history.get(historyKey(p.code, p.authority_id));
    const fallback = Math.max(1, daysOf(today, type.typicalDuration));
    const duration = h ? lognormalFromMoments(h.n, h.meanLog, h.sdLog, fallback) : fitLognormal([], fallback);
    sources[p.id] = duration.source;
    const appealDays = appeal ? daysOf(today, appeal) + 1 : 0;
    if (reapply.has(p.code)) return { ...base, status: 'notStarted' as const, duration, appealDays };
    if (p.complete_on) return { ...base, status: 'inProgress' as const, elapsedDays: Math.max(0, calendarDaysBetween(p.complete_on, today)), duration, appealDays, decisionNotBefore: jointFloor.get(p.id), notBefore: input.waitUntil?.get(p.id) };
    return { ...base, status: 'notStarted' as const, duration, appealDays, notBefore: input.plannedStartOn?.get(p.id) };
  });
  return { today, live, nodes, sources };
}

/** The stored forecast of a case: P50/P80 per permit and case, the ceiling probability, the one risk's ceiling part. */
export function forecastCase(input: CaseForecastInput, whatIf: readonly WhatIf[] = []): CaseForecast {
  const { today, live, nodes, sources } = nodesOf(input);
  const seed = seedOf(input.caseId);
  const result = simulateForecast({ nodes: applyWhatIf(nodes, whatIf), today, ceilingDueOn: input.ceilingDueOn, runs: input.runs ?? MIN_RUNS, seed });
  // The what-if changes the deterministic projection too: its ceiling risk reads the scenario's plan, not the base case's.
  const projectedCompletion = planForCase(input.permits, input.now, input.ceilingDueOn, input.jointHearings, input.waitUntil, whatIf).projectedCompletion;
  return {
    ...result,
    asOf: today,
    projectedCompletion,
    ceilingRisk: ceilingRisk({ startOn: input.ceilingStartOn ?? today, ceilingDueOn: input.ceilingDueOn, projectedCompletion, p80: result.completionP80 }),
    sources,
    permitIds: Object.fromEntries(live.map((p) => [p.code, p.id])),
  };
}

interface CaseRiskInput<P extends PermitRiskInput> {
  permits: P[];
  visible?: (p: P) => boolean;
  now: Date;
  ceilingDueOn: string | null;
  ceilingStartOn: string | null;
  p80?: string | null;
  /**
   * False for a caseworker: their case risk stays that of their own permits (least privilege,
   * issue 13 point 11 — the ceiling depends on other authorities' permits); the ceiling's risk is
   * still returned as `ceiling` (the projection is in every view).
   */
  includeCeiling?: boolean;
}

/**
 * The one case risk (issue 16 item 1) from what a caller sees: the worst of the permits' risks
 * and the ceiling's (projection ≥ 80 % or past it; the stored P80 when there is one).
 */
export function caseRiskOf(
  input: CaseRiskInput<PermitRow> & {
    /** The critical-path projection, when the caller already computed it (saves a second run). Without
     *  it the projection knows no joint hearings or referral waits: every API view passes its own. */
    projectedCompletion?: string | null;
  },
) {
  let projectedCompletion: string | null = input.projectedCompletion ?? null;
  if (input.projectedCompletion === undefined) {
    try {
      projectedCompletion = planForCase(input.permits, input.now, input.ceilingDueOn).projectedCompletion;
    } catch {
      projectedCompletion = null;
    }
  }
  return caseRiskWithProjection({ ...input, projectedCompletion });
}

/**
 * `caseRiskOf` for a caller that has the projection (stored with the forecast, or planned): the
 * permits need only the columns their risk is computed from (PermitRiskRow).
 */
export function caseRiskWithProjection<P extends PermitRiskInput>(input: CaseRiskInput<P> & { projectedCompletion: string | null }) {
  const today = toCopenhagenDate(input.now);
  const visible = input.visible ?? (() => true);
  // The worst of the permits' risks. Nothing outranks a breach, so the permits after the first
  // breached one need not be computed (the dashboard's watched cases mostly have one).
  let worst: Risk = 'onTrack';
  for (const p of input.permits) {
    if (!visible(p)) continue;
    const risk = computeRisk(p, today).risk;
    if (risk === 'breached') {
      worst = risk;
      break;
    }
    if (risk === 'atRisk') worst = risk;
  }
  const ceiling =
    input.projectedCompletion === null ? null : ceilingRisk({ startOn: input.ceilingStartOn ?? today, ceilingDueOn: input.ceilingDueOn, projectedCompletion: input.projectedCompletion, p80: input.p80 ?? null });
  return { risk: caseRisk([worst], input.includeCeiling === false ? null : ceiling), ceiling };
}
