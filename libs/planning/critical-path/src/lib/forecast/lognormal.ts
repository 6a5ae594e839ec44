import { PlanInputError } from '../errors';
import { normalCdf, normalQuantile, type Random } from './random';

/**
 * A processing-time distribution in calendar days: lognormal (processing times are positive and
 * right-skewed — a few permits take far longer than the median), parameters of ln(days).
 */
export interface Lognormal {
  mu: number;
  sigma: number;
  /** Where the parameters came from: fitted on decided permits, or the catalogue's typical duration. */
  source: 'history' | 'catalogue';
  /** Decided permits the fit used (0 for the catalogue fallback). */
  samples: number;
}

/** Fewer decided permits than this for a permit type × authority: use the catalogue instead. */
export const MIN_HISTORY = 8;

/**
 * Spread used when only the catalogue's typical duration is known (inference: a P80 about 30 %
 * above the median, in line with the spread of Danish servicemål reporting; replaced by the
 * fitted value as soon as there is history).
 */
export const CATALOGUE_SIGMA = 0.3;

/**
 * Maximum-likelihood lognormal fit of durations (calendar days, elapsed from the complete
 * application to the decision, so clock stops and hearings are included). Falls back to the
 * catalogue's typical duration as the median while the history is thin.
 */
export function fitLognormal(durationsDays: readonly number[], fallbackMedianDays: number, fallbackSigma = CATALOGUE_SIGMA): Lognormal {
  const logs = durationsDays.filter((d) => Number.isFinite(d) && d > 0).map((d) => Math.log(d));
  const mean = logs.reduce((a, x) => a + x, 0) / Math.max(1, logs.length);
  const variance = logs.length > 1 ? logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (logs.length - 1) : 0;
  return lognormalFromMoments(logs.length, mean, Math.sqrt(variance), fallbackMedianDays, fallbackSigma);
}

/**
 * The same fit from moments the database computed (count, mean and sample standard deviation of
 * ln(days)), so the worker need not fetch every decided permit.
 */
export function lognormalFromMoments(n: number, meanLog: number, sdLog: number, fallbackMedianDays: number, fallbackSigma = CATALOGUE_SIGMA): Lognormal {
  if (n < MIN_HISTORY || !Number.isFinite(meanLog) || !Number.isFinite(sdLog)) {
    if (!(fallbackMedianDays > 0)) throw new PlanInputError('The fallback median duration must be positive');
    return { mu: Math.log(fallbackMedianDays), sigma: fallbackSigma, source: 'catalogue', samples: 0 };
  }
  return { mu: meanLog, sigma: sdLog, source: 'history', samples: n };
}

/** The analytic p-quantile (0 < p < 1) of a lognormal, in days. */
export function lognormalQuantile(dist: Pick<Lognormal, 'mu' | 'sigma'>, p: number): number {
  return Math.exp(dist.mu + dist.sigma * normalQuantile(p));
}

/**
 * One draw, conditioned on being longer than `atLeastDays` (a running permit that has already
 * used that many days cannot finish earlier): inverse-CDF sampling on the truncated range.
 */
export function sampleLognormal(dist: Pick<Lognormal, 'mu' | 'sigma'>, random: Random, atLeastDays = 0): number {
  const floor = atLeastDays > 0 && dist.sigma > 0 ? normalCdf((Math.log(atLeastDays) - dist.mu) / dist.sigma) : 0;
  // Keep u strictly inside (0, 1): the quantile is infinite at the ends.
  const u = Math.min(1 - 1e-12, Math.max(1e-12, floor + random() * (1 - floor)));
  const d = Math.exp(dist.mu + dist.sigma * normalQuantile(u));
  return Math.max(d, atLeastDays);
}
