/**
 * Offline variant of bench step (e) for profiling (no database): the 24-permit bench case built
 * the way case creation builds its permit rows, then `forecastCase` timed like forecast.ts does.
 *   node -r @swc-node/register [--cpu-prof] scripts/bench/forecast-offline.ts [samples]
 */
import { forecastCase, type PermitRow } from '@rl/case-engine';
import { MIN_RUNS } from '@rl/critical-path';
import { screen } from '@rl/permits-screening';
import { CASE_ID, newPermit } from '../../libs/server/case-engine/src/lib/transition/test-helpers';
import { percentile, timeForecast } from './forecast-timing';

const BIG_FACTS = {
  municipalityCode: '326', siteZone: 'landzone', inIndustrialPark: false, fitsMunicipalPlanFrame: false, needsNewLocalPlan: true,
  medicinalProductManufacture: true, newBuildingOrExtension: true, buildingUse: 'industryOrStorage',
  listedActivity: { annex: 'annex1', listItem: '4.5', sMarked: true }, eiaAnnex: 'annex1', groundwaterAbstraction: true,
  dewateringDuringConstruction: true, dewateringVolumeM3PerYear: 500000, dewateringDurationMonths: 6, abstractionWellWithin300m: true,
  dischargeToRecipient: true, industrialWastewaterToSewer: true, dewateringWaterToSewer: true, contaminatedSoil: 'V2',
  protectedHabitatOnSite: true, protectionLines: ['forest', 'stream'], natura2000Nearby: true, sevesoTier: 'upper',
  flammableLiquidsStorageUnits: 30, processesFlammableSolvents: true, combustionThermalInputMW: 25, gmoClass: 2,
  gmoCommercialProduction: true, newOrWidenedRoadAccess: true, roadType: 'state', withinStateRoadZone: true, groundWorks: true,
  greenfield: true, heatSupply: 'newCollectivePlant', constructionSite: { durationDays: 200, peakWorkers: 40, personDays: 3000 },
  largeNewGridLoadMW: 15,
};

const samples = Number(process.argv[2] ?? 100);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const screening = screen(BIG_FACTS as any);
// A draft case's permit rows, as the bench's template case has them (the planner specs' builder): nothing filed yet.
const created = new Date('2026-03-02T08:00:00.000Z');
// The screening's prerequisites as they are (they may differ from the catalogue's direct edges).
const permits: PermitRow[] = screening.permits.map((p) =>
  newPermit(
    p.code,
    p.prerequisites.map((x) => x.code),
    { created_at: created, updated_at: created, prerequisites: p.prerequisites.map(({ code, requires }) => ({ code, requires })) },
  ),
);
const input = { caseId: CASE_ID, permits, now: new Date('2026-03-02T09:00:00Z'), ceilingDueOn: null, ceilingStartOn: null, history: new Map(), runs: MIN_RUNS };
const { ms, cpu } = timeForecast(input, samples);
const r = forecastCase(input);
process.stdout.write(`${JSON.stringify({ permits: permits.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), cpuP50Ms: percentile(cpu, 50), cpuP95Ms: percentile(cpu, 95), completionP50: r.completionP50, completionP80: r.completionP80 })}\n`);
