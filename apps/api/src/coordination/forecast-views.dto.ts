import { ApiProperty } from '@nestjs/swagger';
import { WhatIfScenarioDto } from './coordination.dto';

/*
 * The Monte Carlo forecast's answers (issue 16 item 3): the stored rows (FORECAST_ROW, PERMIT_FORECAST_ROW in
 * plan-rows.ts) as plan-view.ts and ForecastViewService.stored show them, and the what-if runs (summary() in
 * forecast-view.service.ts). P50/P80 are simulated percentiles, never deadlines.
 */

const DATE = { type: String, format: 'date' } as const;
const RISKS = ['onTrack', 'atRisk', 'breached'];

/** A permit's simulated decision and final dates (P50/P80), as stored. */
export class PlanItemForecastDto {
  @ApiProperty(DATE) decisionP50!: string;
  @ApiProperty(DATE) decisionP80!: string;
  @ApiProperty({ ...DATE, description: 'Final: the decision is final (klagefrist over)' }) finalP50!: string;
  @ApiProperty(DATE) finalP80!: string;
  @ApiProperty({
    enum: ['history', 'catalogue', 'actual'],
    description: "The processing-time distribution used: history (this type's decided permits at this authority), catalogue (typical duration, thin history), actual (already decided)",
  })
  source!: string;
}

/** A permit's stored forecast, by permit id. */
export class StoredPermitForecastDto extends PlanItemForecastDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
}

/** What every forecast of a case says: the case's P50/P80 completion and the ceiling (L 206: 12/18 months). */
class ForecastFiguresDto {
  @ApiProperty({ ...DATE, description: 'The day (Europe/Copenhagen) the forecast was made for' }) asOf!: string;
  @ApiProperty({ type: 'integer', description: 'Simulated runs' }) runs!: number;
  @ApiProperty({ ...DATE, description: "The critical path's deterministic projection of the last permit's final date" }) projectedCompletion!: string;
  @ApiProperty({ ...DATE, description: 'Every permit final (simulated P50)' }) completionP50!: string;
  @ApiProperty({ ...DATE, description: 'Every permit final (simulated P80)' }) completionP80!: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, nullable: true, description: 'Share of runs in which every permit is final by the ceiling; null for a case without ceiling' })
  ceilingProbability!: number | null;
  @ApiProperty({
    enum: RISKS,
    nullable: true,
    description: "The ceiling's part of the case risk: breached when the projection passes the ceiling, atRisk when it uses ≥ 80 % of it or the P80 passes it; null without ceiling",
  })
  ceilingRisk!: string | null;
}

/** The stored case forecast beside the coordinated plan. */
export class PlanCaseForecastDto extends ForecastFiguresDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the worker computed it' }) computedAt!: string;
}

/** The stored Monte Carlo forecast of a case, per permit and for the case. */
export class StoredForecastDto extends PlanCaseForecastDto {
  @ApiProperty({ type: 'integer', description: "The simulation's seed (stable per case)" }) seed!: number;
  @ApiProperty({ type: [StoredPermitForecastDto] }) permits!: StoredPermitForecastDto[];
}

/** A case's stored forecast. */
export class CaseForecastViewDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: StoredForecastDto, nullable: true, description: 'null until the worker computed it' }) forecast!: StoredForecastDto | null;
}

/** A permit's simulated decision and final dates (P50/P80) in a what-if run. */
export class WhatIfPermitForecastDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ example: 'VANDINDVINDING' }) code!: string;
  @ApiProperty(DATE) decisionP50!: string;
  @ApiProperty(DATE) decisionP80!: string;
  @ApiProperty(DATE) finalP50!: string;
  @ApiProperty(DATE) finalP80!: string;
}

/** A forecast computed for a what-if (written nowhere). */
export class WhatIfForecastDto extends ForecastFiguresDto {
  @ApiProperty({ type: 'integer', description: "The simulation's seed: the same in both runs, so the difference is the scenarios'" }) seed!: number;
  @ApiProperty({ type: [WhatIfPermitForecastDto], description: 'One per live permit' }) permits!: WhatIfPermitForecastDto[];
}

/** A what-if: the forecast now and with the scenarios applied, side by side. Nothing is written. */
export class WhatIfResultDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [WhatIfScenarioDto], description: 'The scenarios as sent' }) scenarios!: WhatIfScenarioDto[];
  @ApiProperty({ type: WhatIfForecastDto, description: 'The forecast now' }) base!: WhatIfForecastDto;
  @ApiProperty({ type: WhatIfForecastDto, description: 'The forecast with the scenarios applied' }) whatIf!: WhatIfForecastDto;
}
