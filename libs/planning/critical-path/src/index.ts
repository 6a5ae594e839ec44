/**
 * @rl/critical-path — projected completion of a case through its permit prerequisite graph.
 * Pure: calendars are injected (`addDuration`); the server passes the Danish business calendar.
 */
export { computeCriticalPath, compareWithCeiling, toDuration } from './lib/critical-path';
export { findCycles, assertAcyclic } from './lib/cycles';
export type { DependencyNode } from './lib/cycles';
export { PlanError, CyclicDependencyError, PlanInputError } from './lib/errors';
/** Every input and result type of the planner (./lib/types.ts is its public type surface). */
export type * from './lib/types';
export { ceilingRisk, caseRisk, CEILING_AT_RISK_SHARE } from './lib/case-risk';
export type { CeilingRisk, CeilingRiskInput, RiskLevel } from './lib/case-risk';
export { simulateForecast, MIN_RUNS } from './lib/forecast/monte-carlo';
export type { ForecastInput, ForecastNode, ForecastResult, NodeForecast } from './lib/forecast/monte-carlo';
export { fitLognormal, lognormalFromMoments, lognormalQuantile, sampleLognormal, MIN_HISTORY, CATALOGUE_SIGMA } from './lib/forecast/lognormal';
export type { Lognormal } from './lib/forecast/lognormal';
export { applyWhatIf } from './lib/forecast/what-if';
export type { WhatIf } from './lib/forecast/what-if';
export { seededRandom, seedOf } from './lib/forecast/random';
export type { Random } from './lib/forecast/random';
