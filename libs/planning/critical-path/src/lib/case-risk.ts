import { toEpochDay } from './local-date';

export type RiskLevel = 'onTrack' | 'atRisk' | 'breached';
const ORDER: RiskLevel[] = ['onTrack', 'atRisk', 'breached'];

/** The share of the ceiling a projection uses from which the case is at risk (as a permit clock: 80 %). */
export const CEILING_AT_RISK_SHARE = 0.8;

export interface CeilingRiskInput {
  /** LocalDate the ceiling clock started (submission; today for a preview). */
  startOn: string;
  ceilingDueOn: string | null | undefined;
  /** The critical-path projection (deterministic). */
  projectedCompletion: string;
  /** The forecast's P80, when one is known. */
  p80?: string | null;
}

export interface CeilingRisk {
  risk: RiskLevel;
  /** Share of the ceiling the projection uses (1 = exactly on the ceiling). */
  usedShare: number;
  /** Why: 'projectionPastCeiling' | 'projectionUses80Percent' | 'p80PastCeiling' | null. */
  reason: 'projectionPastCeiling' | 'projectionUses80Percent' | 'p80PastCeiling' | null;
}

/**
 * The ceiling's part of a case's risk (issue 16 item 1): breached when the projection passes the
 * ceiling; at risk when it uses ≥ 80 % of it or the P80 passes it; otherwise on track. No
 * ceiling (a case outside L 206) → null.
 */
export function ceilingRisk(input: CeilingRiskInput): CeilingRisk | null {
  if (!input.ceilingDueOn) return null;
  const start = toEpochDay(input.startOn, 'startOn');
  const due = toEpochDay(input.ceilingDueOn, 'ceilingDueOn');
  const end = toEpochDay(input.projectedCompletion, 'projectedCompletion');
  const span = Math.max(1, due - start);
  const usedShare = Math.round(((end - start) / span) * 1000) / 1000;
  if (end > due) return { risk: 'breached', usedShare, reason: 'projectionPastCeiling' };
  if (input.p80 && toEpochDay(input.p80, 'p80') > due) return { risk: 'atRisk', usedShare, reason: 'p80PastCeiling' };
  if (usedShare >= CEILING_AT_RISK_SHARE) return { risk: 'atRisk', usedShare, reason: 'projectionUses80Percent' };
  return { risk: 'onTrack', usedShare, reason: null };
}

/** One risk for a case: the worst of its permits' risks and the ceiling's. */
export function caseRisk(permitRisks: readonly RiskLevel[], ceiling: CeilingRisk | null): RiskLevel {
  const all = ceiling ? [...permitRisks, ceiling.risk] : permitRisks;
  return all.reduce<RiskLevel>((w, r) => (ORDER.indexOf(r) > ORDER.indexOf(w) ? r : w), 'onTrack');
}
