import type { CasePlan, CoordinatedPlan, PlanReferral, PlanRow } from '../api/types';
import { REFERRAL_TEXT } from '../referrals/referral-text';
import { dayDiff, fmtDate, nameOf } from '../format';
import { useI18n } from '../i18n';
import { RiskBadge, StateTag } from './common';
import { DataTable } from './DataTable';

/** Chart layout in SVG user units (the SVG scales to its container's width): label column, rows, bars. */
const LAYOUT = { width: 960, labelWidth: 250, rightPad: 20, rowHeight: 50, top: 34, barHeight: 16 } as const;

const COLOR = { referral: '#7a4100', critical: '#a8201a', normal: '#1a5a96', actual: '#1b1b1b', ceiling: '#a8201a', projected: '#1b1b1b', grid: '#d6d6d6', today: '#00703c', text: '#1b1b1b', band: '#e0a800', baseline: '#6f6f6f', current: '#5b2a86', arrow: '#454545' };

function dates(row: PlanRow): string[] {
  return [row.plannedStart, row.plannedEnd, row.plannedFinal, row.actualStart, row.actualEnd, row.forecast?.decisionP80].filter((d): d is string => !!d);
}

/** Rows in schedule order: by planned start, then planned decision (issue 16). */
function scheduleOrder(rows: PlanRow[]): PlanRow[] {
  return [...rows].sort((a, b) => (a.plannedStart ?? '9999').localeCompare(b.plannedStart ?? '9999') || (a.plannedEnd ?? '9999').localeCompare(b.plannedEnd ?? '9999') || a.code.localeCompare(b.code));
}

/**
 * Gantt-style plan (GET /cases/:id/plan): one bar per permit from planned start to planned
 * decision, a lighter tail to "final" (appeal period), the actual progress underneath, critical
 * path bars in red and the case ceiling as a dashed line. The SVG is one labelled image; the
 * same data follows as a table for screen readers and keyboard users.
 */
export function Gantt({ plan: unordered, agreed }: { plan: CasePlan; agreed?: CoordinatedPlan | null }) {
  const { t, lang } = useI18n();
  const plan = { ...unordered, rows: scheduleOrder(unordered.rows) };
  const item = (permitId: string) => agreed?.items.find((i) => i.permitId === permitId);
  const planDates = (agreed?.items ?? []).flatMap((i) => [i.baseline.startOn, i.baseline.finalOn, i.planned.startOn, i.planned.finalOn]);
  const referralsOf = (permitId: string): PlanReferral[] => (plan.referrals ?? []).filter((r) => r.permitId === permitId);
  const rx = REFERRAL_TEXT[lang];
  const all = [...(plan.referrals ?? []).flatMap((r) => [r.sentOn, r.closedOn ?? r.dueOn]), plan.projectStart, plan.today, plan.ceilingDueOn, plan.projectedCompletion, plan.completionP80 ?? null, ...planDates, ...plan.rows.flatMap(dates)].filter((d): d is string => !!d).map((d) => d.slice(0, 10));
  if (all.length === 0) return <p>{t('plan.empty')}</p>;
  const sorted = [...all].sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const span = Math.max(dayDiff(min, max), 30);
  const chartW = LAYOUT.width - LAYOUT.labelWidth - LAYOUT.rightPad;
  const x = (d: string) => LAYOUT.labelWidth + (dayDiff(min, d.slice(0, 10)) / span) * chartW;
  const H = LAYOUT.top + plan.rows.length * LAYOUT.rowHeight + 40;
  const lineEnd = H - 36;

  // Month ticks (every month if short, every quarter otherwise).
  const ticks: string[] = [];
  const step = span > 500 ? 3 : span > 200 ? 2 : 1;
  const start = new Date(`${min.slice(0, 7)}-01T00:00:00Z`);
  for (let d = new Date(start); d.toISOString().slice(0, 10) <= max; d.setUTCMonth(d.getUTCMonth() + step)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso >= min && LAYOUT.labelWidth + (dayDiff(min, iso) / span) * chartW < LAYOUT.width - 50) ticks.push(iso);
  }
  const monthLabel = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', { month: 'short', year: '2-digit' });

  const summary = t('plan.summary', {
    n: plan.rows.length,
    completion: fmtDate(lang, plan.projectedCompletion),
    ceiling: fmtDate(lang, plan.ceilingDueOn),
    critical: plan.rows.filter((r) => r.critical).map((r) => nameOf(lang, r)).join(', ') || '–',
  });

  return (
    <div className="rl-gantt">
      <figure className="rl-gantt-figure">
        <svg viewBox={`0 0 ${LAYOUT.width} ${H}`} width="100%" role="img" aria-labelledby="gantt-title gantt-desc" data-testid="gantt">
          <title id="gantt-title">{t('plan.chartTitle', { reference: plan.reference })}</title>
          <desc id="gantt-desc">{summary}</desc>
          {ticks.map((d) => (
            <g key={d}>
              <line x1={x(d)} x2={x(d)} y1={LAYOUT.top - 6} y2={lineEnd} stroke={COLOR.grid} />
              <text x={x(d) + 3} y={LAYOUT.top - 12} fontSize="12" fill={COLOR.text}>
                {monthLabel(d)}
              </text>
            </g>
          ))}
          <defs>
            <marker id="gantt-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" fill={COLOR.arrow} />
            </marker>
          </defs>
          {plan.completionP50 && plan.completionP80 ? (
            <rect data-testid="gantt-case-band" x={x(plan.completionP50)} y={LAYOUT.top - 6} width={Math.max(x(plan.completionP80) - x(plan.completionP50), 2)} height={lineEnd - LAYOUT.top + 6} fill={COLOR.band} fillOpacity="0.12" />
          ) : null}
          {plan.rows.flatMap((r, i) =>
            (r.prerequisites ?? []).map((pre) => {
              const j = plan.rows.findIndex((x2) => x2.code === pre.code);
              const from = plan.rows[j];
              const end = pre.requires === 'final' ? from?.plannedFinal : from?.plannedEnd;
              if (j < 0 || !end || !r.plannedStart) return null;
              const y1 = LAYOUT.top + j * LAYOUT.rowHeight + 14;
              const y2 = LAYOUT.top + i * LAYOUT.rowHeight + 14;
              return (
                <path key={`${pre.code}-${r.code}`} data-testid="gantt-arrow" d={`M${x(end)},${y1} C${x(end) + 12},${y1} ${x(r.plannedStart) - 12},${y2} ${x(r.plannedStart)},${y2}`} fill="none" stroke={COLOR.arrow} strokeWidth="1" markerEnd="url(#gantt-arrow)" />
              );
            }),
          )}
          {plan.rows.map((r, i) => {
            const y = LAYOUT.top + i * LAYOUT.rowHeight;
            const color = r.critical ? COLOR.critical : COLOR.normal;
            const it = item(r.permitId);
            return (
              <g key={r.permitId} data-code={r.code} data-critical={r.critical}>
                <text x={8} y={y + LAYOUT.rowHeight / 2 + 4} fontSize="13" fill={COLOR.text} fontWeight={r.critical ? 700 : 400}>
                  {truncate(nameOf(lang, r), 32)}
                </text>
                {r.plannedStart && r.plannedEnd ? (
                  <rect x={x(r.plannedStart)} y={y + 6} width={Math.max(x(r.plannedEnd) - x(r.plannedStart), 4)} height={LAYOUT.barHeight} fill={color} rx="2" />
                ) : null}
                {r.plannedEnd && r.plannedFinal && r.plannedFinal > r.plannedEnd ? (
                  <rect x={x(r.plannedEnd)} y={y + 6} width={Math.max(x(r.plannedFinal) - x(r.plannedEnd), 1)} height={LAYOUT.barHeight} fill={color} fillOpacity="0.3" stroke={color} strokeDasharray="3 2" rx="2" />
                ) : null}
                {r.forecast?.decisionP50 && r.forecast.decisionP80 ? (
                  <rect data-testid="gantt-band" x={x(r.forecast.decisionP50)} y={y + 4} width={Math.max(x(r.forecast.decisionP80) - x(r.forecast.decisionP50), 3)} height={LAYOUT.barHeight + 4} fill={COLOR.band} fillOpacity="0.45" stroke={COLOR.band} rx="2" />
                ) : null}
                {it ? (
                  <>
                    <rect data-testid="gantt-baseline" x={x(it.baseline.startOn)} y={y + 1} width={Math.max(x(it.baseline.decisionOn) - x(it.baseline.startOn), 2)} height={3} fill="none" stroke={COLOR.baseline} strokeDasharray="4 2" />
                    <rect data-testid="gantt-current" data-moved={it.finalMovedDays} x={x(it.planned.startOn)} y={y + 26} width={Math.max(x(it.planned.decisionOn) - x(it.planned.startOn), 2)} height={4} fill={COLOR.current} />
                  </>
                ) : null}
                {referralsOf(r.permitId).map((ref) => (
                  <rect key={ref.referralId} data-testid="gantt-referral" data-status={ref.status} x={x(ref.sentOn)} y={y + 41} width={Math.max(x(ref.closedOn ?? ref.dueOn) - x(ref.sentOn), 3)} height={4} fill={COLOR.referral} fillOpacity={ref.status === 'open' ? 1 : 0.5} />
                ))}
                {r.actualStart ? (
                  <rect x={x(r.actualStart)} y={y + 34} width={Math.max(x(r.actualEnd ?? plan.today ?? r.plannedEnd ?? r.actualStart) - x(r.actualStart), 2)} height={5} fill={COLOR.actual} />
                ) : null}
              </g>
            );
          })}
          {plan.projectedCompletion ? (
            <g>
              <line x1={x(plan.projectedCompletion)} x2={x(plan.projectedCompletion)} y1={LAYOUT.top - 4} y2={lineEnd} stroke={COLOR.projected} strokeDasharray="2 3" strokeWidth="1.5" />
              <text x={x(plan.projectedCompletion) + 4} y={H - 20} fontSize="12" fill={COLOR.text}>
                {t('plan.projected')}
              </text>
            </g>
          ) : null}
          {plan.today ? (
            <g>
              <line x1={x(plan.today)} x2={x(plan.today)} y1={LAYOUT.top - 4} y2={lineEnd} stroke={COLOR.today} strokeWidth="2" />
              <text x={x(plan.today) - 4} y={H - 4} fontSize="12" fill={COLOR.today} textAnchor="end">
                {t('plan.today')}
              </text>
            </g>
          ) : null}
          {plan.ceilingDueOn ? (
            <g data-testid="gantt-ceiling">
              <line x1={x(plan.ceilingDueOn)} x2={x(plan.ceilingDueOn)} y1={LAYOUT.top - 4} y2={lineEnd} stroke={COLOR.ceiling} strokeDasharray="6 4" strokeWidth="2" />
              <text x={x(plan.ceilingDueOn) - 4} y={H - 4} textAnchor="end" fontSize="12" fill={COLOR.ceiling} fontWeight="700">
                {t('plan.ceiling')}
              </text>
            </g>
          ) : null}
        </svg>
        <figcaption>
          <ul className="nobullet-list rl-legend">
            <li>
              <span className="rl-swatch" style={{ background: COLOR.critical }} aria-hidden="true" /> {t('plan.legendCritical')}
            </li>
            <li>
              <span className="rl-swatch" style={{ background: COLOR.normal }} aria-hidden="true" /> {t('plan.legendNormal')}
            </li>
            <li>
              <span className="rl-swatch rl-swatch--light" aria-hidden="true" /> {t('plan.legendAppeal')}
            </li>
            <li>
              <span className="rl-swatch rl-swatch--actual" aria-hidden="true" /> {t('plan.legendActual')}
            </li>
            <li>
              <span className="rl-swatch rl-swatch--ceiling" aria-hidden="true" /> {t('plan.legendCeiling')}
            </li>
            <li>
              <span className="rl-swatch" style={{ background: COLOR.band, opacity: 0.6 }} aria-hidden="true" /> {t('gantt.band')}
            </li>
            {agreed && agreed.status !== 'none' ? (
              <>
                <li>
                  <span className="rl-swatch" style={{ border: `2px dashed ${COLOR.baseline}`, background: 'transparent' }} aria-hidden="true" /> {t('gantt.baseline')}
                </li>
                <li>
                  <span className="rl-swatch" style={{ background: COLOR.current }} aria-hidden="true" /> {t('coord.planned')}
                </li>
              </>
            ) : null}
            <li>
              <span aria-hidden="true">→</span> {t('gantt.dependency')}
            </li>
            {(plan.referrals ?? []).length > 0 ? (
              <li>
                <span className="rl-swatch" style={{ background: COLOR.referral }} aria-hidden="true" /> {rx.legendReferral}
              </li>
            ) : null}
          </ul>
        </figcaption>
      </figure>

      <DataTable
        caption={t('plan.tableCaption')}
        captionVisible
        compact
        testId="plan-table"
        rows={plan.rows}
        rowKey={(r) => r.permitId}
        rowProps={(r) => ({ className: r.critical ? 'rl-critical' : undefined })}
        columns={[
          { header: t('plan.permit'), rowHeader: true, cell: (r) => nameOf(lang, r) },
          { header: t('plan.authority'), cell: (r) => r.authority.nameDa },
          { header: t('plan.state'), cell: (r) => <StateTag state={r.state} /> },
          { header: t('plan.plannedStart'), cell: (r) => fmtDate(lang, r.plannedStart) },
          { header: t('plan.plannedEnd'), cell: (r) => fmtDate(lang, r.plannedEnd) },
          { header: t('plan.plannedFinal'), cell: (r) => fmtDate(lang, r.plannedFinal) },
          { header: t('plan.actual'), cell: (r) => (r.actualStart ? `${fmtDate(lang, r.actualStart)} – ${r.actualEnd ? fmtDate(lang, r.actualEnd) : t('plan.ongoing')}` : '–') },
          { header: t('plan.slack'), cell: (r) => r.slackDays ?? '–' },
          { header: t('plan.critical'), cell: (r) => (r.critical ? t('common.yes') : t('common.no')) },
          { header: t('plan.risk'), cell: (r) => <RiskBadge risk={r.risk} /> },
          { header: t('gantt.band'), cell: (r) => (r.forecast?.decisionP50 ? `${fmtDate(lang, r.forecast.decisionP50)} – ${fmtDate(lang, r.forecast.decisionP80)}` : '–') },
          { header: t('gantt.baseline'), cell: (r) => (item(r.permitId) ? fmtDate(lang, item(r.permitId)?.baseline.decisionOn) : '–') },
          { header: t('coord.planned'), cell: (r) => (item(r.permitId) ? fmtDate(lang, item(r.permitId)?.planned.decisionOn) : '–') },
          {
            header: rx.tableReferrals,
            cell: (r) =>
              referralsOf(r.permitId)
                .map((ref) => `${lang === 'en' ? ref.to.nameEn : ref.to.nameDa}: ${fmtDate(lang, ref.sentOn)} – ${fmtDate(lang, ref.closedOn ?? ref.dueOn)}`)
                .join('; ') || '–',
          },
        ]}
      />
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
