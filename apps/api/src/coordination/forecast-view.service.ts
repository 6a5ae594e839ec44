import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ForecastService, type CaseForecast } from '@rl/case-engine';
import { PlanError as CriticalPathPlanError, type WhatIf } from '@rl/critical-path';
import { queryRows, sql } from '@rl/db';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import type { WhatIfScenarioDto } from './coordination.dto';
import { FORECAST_ROW, PERMIT_FORECAST_ROW, PlanError } from './plan-rows';

function summary(f: CaseForecast) {
  return {
    asOf: f.asOf,
    runs: f.runs,
    seed: f.seed,
    projectedCompletion: f.projectedCompletion,
    completionP50: f.completionP50,
    completionP80: f.completionP80,
    ceilingProbability: f.ceilingProbability,
    ceilingRisk: f.ceilingRisk?.risk ?? null,
    permits: f.nodes.map((n) => ({ permitId: f.permitIds[n.code], code: n.code, decisionP50: n.decisionP50, decisionP80: n.decisionP80, finalP50: n.finalP50, finalP80: n.finalP80 })),
  };
}

/** Stored forecasts for readers, and what-if runs that write nothing. */
@Injectable()
export class ForecastViewService {
  constructor(
    private readonly access: AccessService,
    private readonly ds: DataSource,
    private readonly forecasts: ForecastService,
  ) {}

  async stored(p: Principal, caseId: string) {
    await this.access.assertCaseVisible(p, caseId);
    const [f] = await queryRows(this.ds, FORECAST_ROW, sql`SELECT * FROM case_forecasts WHERE case_id = ${caseId}`);
    if (!f) return { caseId, forecast: null };
    const permits = await queryRows(this.ds, PERMIT_FORECAST_ROW, sql`SELECT * FROM permit_forecasts WHERE case_id = ${caseId}`);
    return {
      caseId,
      forecast: {
        computedAt: f.computed_at.toISOString(),
        asOf: f.as_of,
        runs: f.runs,
        seed: Number(f.seed),
        projectedCompletion: f.projected_completion,
        completionP50: f.completion_p50,
        completionP80: f.completion_p80,
        ceilingProbability: f.ceiling_probability,
        ceilingRisk: f.ceiling_risk,
        permits: permits.map((x) => ({ permitId: x.permit_id, decisionP50: x.decision_p50, decisionP80: x.decision_p80, finalP50: x.final_p50, finalP80: x.final_p80, source: x.duration_source })),
      },
    };
  }

  /** Both runs use the same seed, so the difference is the scenario's, not the dice's. Nothing is written. */
  async whatIf(p: Principal, caseId: string, scenarios: WhatIfScenarioDto[]) {
    await this.access.assertCaseVisible(p, caseId);
    const parsed: WhatIf[] = scenarios.map((s) => {
      if (s.kind === 'jointHearing') {
        if (!s.codes) throw new PlanError('FORECAST.WHAT_IF_INVALID', 'jointHearing needs `codes` (at least two permit codes).');
        return { kind: 'jointHearing', codes: s.codes, hearingDays: s.days };
      }
      if (!s.code) throw new PlanError('FORECAST.WHAT_IF_INVALID', `${s.kind} needs \`code\`.`);
      return { kind: s.kind, code: s.code, days: s.days };
    });
    try {
      const base = await this.forecasts.compute(caseId);
      const scenario = await this.forecasts.compute(caseId, parsed);
      if (!base || !scenario) throw new PlanError('FORECAST.WHAT_IF_INVALID', 'This case cannot be forecast.');
      return { caseId, scenarios, base: summary(base), whatIf: summary(scenario) };
    } catch (e) {
      if (e instanceof CriticalPathPlanError) throw new PlanError('FORECAST.WHAT_IF_INVALID', e.message);
      throw e;
    }
  }
}
