/**
 * The Gantt as a file (issue 16 item 6): one SVG drawn here from the same plan the web app draws
 * (rows in schedule order, planned bar to the decision and its appeal tail, dependency arrows,
 * the P50–P80 band, the agreed baseline against the current plan, the ceiling, the projection and
 * today), rasterised to PNG by resvg (@resvg/resvg-js) and placed in an A4-landscape PDF by
 * pdfmake (its SVG support) with the dates as a table. Text uses pdfmake's bundled Roboto in both.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pdfmake } from '../decisions/decision-letter';

type TDocumentDefinitions = Parameters<ReturnType<typeof pdfmake>['createPdf']>[0];

export type GanttLang = 'da' | 'en';

export interface GanttRow {
  permitId: string;
  code: string;
  nameDa: string;
  nameEn: string;
  authority: { nameDa: string; nameEn: string };
  plannedStart: string | null;
  plannedEnd: string | null;
  plannedFinal: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  critical: boolean;
  prerequisites: { code: string; requires: 'decided' | 'final' }[];
  forecast: { decisionP50: string | null; decisionP80: string | null };
}

export interface GanttPlanItem {
  permitId: string;
  baseline: { startOn: string; decisionOn: string; finalOn: string };
  planned: { startOn: string; decisionOn: string; finalOn: string };
}

export interface GanttInput {
  reference: string;
  today: string;
  projectStart: string;
  projectedCompletion: string | null;
  ceilingDueOn: string | null;
  completionP50: string | null;
  completionP80: string | null;
  rows: GanttRow[];
  /** The agreed plan's items (baseline vs current), when there is a plan. */
  items: GanttPlanItem[];
}

const TEXT = {
  da: {
    title: (ref: string) => `Tidsplan for sag ${ref}`,
    today: 'I dag',
    ceiling: 'Loft',
    projected: 'Forventet afslutning',
    permit: 'Tilladelse',
    authority: 'Myndighed',
    start: 'Planlagt start',
    decision: 'Planlagt afgørelse',
    final: 'Endelig',
    baseline: 'Basisplan (afgørelse)',
    band: 'P50–P80 (afgørelse)',
    legend: 'Søjle: planlagt behandling (rød = kritisk vej), lys hale: klagefrist, gult bånd: P50–P80-prognose, stiplet ramme: aftalt basisplan, lilla streg: nuværende plan, pil: afhængighed.',
    generated: (d: string) => `Dannet ${d}. Prognoser (P50/P80) er ikke frister.`,
  },
  en: {
    title: (ref: string) => `Schedule of case ${ref}`,
    today: 'Today',
    ceiling: 'Ceiling',
    projected: 'Projected completion',
    permit: 'Permit',
    authority: 'Authority',
    start: 'Planned start',
    decision: 'Planned decision',
    final: 'Final',
    baseline: 'Baseline (decision)',
    band: 'P50–P80 (decision)',
    legend: 'Bar: planned processing (red = critical path), light tail: appeal period, yellow band: P50–P80 forecast, dashed frame: agreed baseline, purple line: current plan, arrow: dependency.',
    generated: (d: string) => `Generated ${d}. Forecasts (P50/P80) are not deadlines.`,
  },
} as const;

const COLOR = { critical: '#a8201a', normal: '#1a5a96', actual: '#1b1b1b', ceiling: '#a8201a', projected: '#1b1b1b', grid: '#d6d6d6', today: '#00703c', text: '#1b1b1b', band: '#e0a800', baseline: '#6f6f6f', current: '#5b2a86', arrow: '#454545' };
/** The SVG's geometry, in px: canvas width, the label column left of the chart, the margin right of it, one row, the date header above the rows, a bar. */
const LAYOUT = { width: 1200, labelWidth: 300, rightPad: 24, rowHeight: 46, top: 40, barHeight: 16 } as const;

const MS_DAY = 86_400_000;
const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / MS_DAY);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const nameOf = (lang: GanttLang, x: { nameDa: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameDa);

/** Rows in schedule order: by planned start, then planned decision (as the web app's Gantt). */
export function scheduleOrder<T extends Pick<GanttRow, 'plannedStart' | 'plannedEnd' | 'code'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.plannedStart ?? '9999').localeCompare(b.plannedStart ?? '9999') || (a.plannedEnd ?? '9999').localeCompare(b.plannedEnd ?? '9999') || a.code.localeCompare(b.code));
}

/** The Gantt as one SVG document (width × height in px). */
export function ganttSvg(input: GanttInput, lang: GanttLang): { svg: string; width: number; height: number } {
  const x0 = TEXT[lang];
  const rows = scheduleOrder(input.rows);
  const item = new Map(input.items.map((i) => [i.permitId, i]));
  const all = [
    input.projectStart,
    input.today,
    input.ceilingDueOn,
    input.projectedCompletion,
    input.completionP80,
    ...input.items.flatMap((i) => [i.baseline.startOn, i.baseline.finalOn, i.planned.startOn, i.planned.finalOn]),
    ...rows.flatMap((r) => [r.plannedStart, r.plannedEnd, r.plannedFinal, r.actualStart, r.actualEnd, r.forecast.decisionP80]),
  ]
    .filter((d): d is string => !!d)
    .map((d) => d.slice(0, 10))
    .sort();
  const min = all[0] ?? input.today;
  const max = all[all.length - 1] ?? input.today;
  const span = Math.max(dayDiff(min, max), 30);
  const chartW = LAYOUT.width - LAYOUT.labelWidth - LAYOUT.rightPad;
  const x = (d: string) => LAYOUT.labelWidth + (dayDiff(min, d) / span) * chartW;
  const H = LAYOUT.top + Math.max(rows.length, 1) * LAYOUT.rowHeight + 44;
  const lineEnd = H - 38;
  const out: string[] = [];
  const f = (n: number) => n.toFixed(1);
  out.push(`<rect x="0" y="0" width="${LAYOUT.width}" height="${H}" fill="#ffffff"/>`);
  out.push(
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="${COLOR.arrow}"/></marker></defs>`,
  );
  // Month ticks (monthly, or every 2nd/3rd month on long plans).
  const step = span > 500 ? 3 : span > 200 ? 2 : 1;
  for (let d = new Date(`${min.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 10) <= max; d.setUTCMonth(d.getUTCMonth() + step)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso < min || x(iso) > LAYOUT.width - 60) continue;
    out.push(`<line x1="${f(x(iso))}" x2="${f(x(iso))}" y1="${LAYOUT.top - 6}" y2="${lineEnd}" stroke="${COLOR.grid}"/>`);
    out.push(`<text x="${f(x(iso) + 3)}" y="${LAYOUT.top - 12}" font-size="12" fill="${COLOR.text}">${esc(iso.slice(0, 7))}</text>`);
  }
  if (input.completionP50 && input.completionP80) {
    out.push(`<rect x="${f(x(input.completionP50))}" y="${LAYOUT.top - 6}" width="${f(Math.max(x(input.completionP80) - x(input.completionP50), 2))}" height="${lineEnd - LAYOUT.top + 6}" fill="${COLOR.band}" fill-opacity="0.12"/>`);
  }
  rows.forEach((r, i) => {
    for (const pre of r.prerequisites) {
      const j = rows.findIndex((q) => q.code === pre.code);
      const from = rows[j];
      const end = pre.requires === 'final' ? from?.plannedFinal : from?.plannedEnd;
      if (j < 0 || !end || !r.plannedStart) continue;
      const y1 = LAYOUT.top + j * LAYOUT.rowHeight + 14;
      const y2 = LAYOUT.top + i * LAYOUT.rowHeight + 14;
      out.push(
        `<path d="M${f(x(end))},${y1} C${f(x(end) + 12)},${y1} ${f(x(r.plannedStart) - 12)},${y2} ${f(x(r.plannedStart))},${y2}" fill="none" stroke="${COLOR.arrow}" stroke-width="1" marker-end="url(#arrow)"/>`,
      );
    }
  });
  rows.forEach((r, i) => {
    const y = LAYOUT.top + i * LAYOUT.rowHeight;
    const color = r.critical ? COLOR.critical : COLOR.normal;
    out.push(`<text x="8" y="${y + LAYOUT.rowHeight / 2}" font-size="13" fill="${COLOR.text}" font-weight="${r.critical ? 700 : 400}">${esc(truncate(nameOf(lang, r), 40))}</text>`);
    if (r.plannedStart && r.plannedEnd) out.push(`<rect x="${f(x(r.plannedStart))}" y="${y + 6}" width="${f(Math.max(x(r.plannedEnd) - x(r.plannedStart), 4))}" height="${LAYOUT.barHeight}" fill="${color}" rx="2"/>`);
    if (r.plannedEnd && r.plannedFinal && r.plannedFinal > r.plannedEnd) {
      out.push(`<rect x="${f(x(r.plannedEnd))}" y="${y + 6}" width="${f(Math.max(x(r.plannedFinal) - x(r.plannedEnd), 1))}" height="${LAYOUT.barHeight}" fill="${color}" fill-opacity="0.3" stroke="${color}" stroke-dasharray="3 2" rx="2"/>`);
    }
    if (r.forecast.decisionP50 && r.forecast.decisionP80) {
      out.push(`<rect x="${f(x(r.forecast.decisionP50))}" y="${y + 4}" width="${f(Math.max(x(r.forecast.decisionP80) - x(r.forecast.decisionP50), 3))}" height="${LAYOUT.barHeight + 4}" fill="${COLOR.band}" fill-opacity="0.45" stroke="${COLOR.band}" rx="2"/>`);
    }
    const it = item.get(r.permitId);
    if (it) {
      out.push(`<rect x="${f(x(it.baseline.startOn))}" y="${y + 1}" width="${f(Math.max(x(it.baseline.decisionOn) - x(it.baseline.startOn), 2))}" height="3" fill="none" stroke="${COLOR.baseline}" stroke-dasharray="4 2"/>`);
      out.push(`<rect x="${f(x(it.planned.startOn))}" y="${y + 26}" width="${f(Math.max(x(it.planned.decisionOn) - x(it.planned.startOn), 2))}" height="4" fill="${COLOR.current}"/>`);
    }
    if (r.actualStart) out.push(`<rect x="${f(x(r.actualStart))}" y="${y + 34}" width="${f(Math.max(x(r.actualEnd ?? input.today) - x(r.actualStart), 2))}" height="5" fill="${COLOR.actual}"/>`);
  });
  const vline = (d: string, color: string, dash: string, width: number, label: string, anchor: 'start' | 'end', dy: number, bold = false) => {
    out.push(`<line x1="${f(x(d))}" x2="${f(x(d))}" y1="${LAYOUT.top - 4}" y2="${lineEnd}" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(`<text x="${f(x(d) + (anchor === 'end' ? -4 : 4))}" y="${H - dy}" font-size="12" fill="${color}" text-anchor="${anchor}"${bold ? ' font-weight="700"' : ''}>${esc(label)}</text>`);
  };
  if (input.projectedCompletion) vline(input.projectedCompletion, COLOR.projected, '2 3', 1.5, x0.projected, 'start', 22);
  vline(input.today, COLOR.today, '', 2, x0.today, 'end', 6);
  if (input.ceilingDueOn) vline(input.ceilingDueOn, COLOR.ceiling, '6 4', 2, x0.ceiling, 'end', 22, true);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${LAYOUT.width}" height="${H}" viewBox="0 0 ${LAYOUT.width} ${H}" font-family="Roboto"><title>${esc(x0.title(input.reference))}</title>${out.join('')}</svg>`;
  return { svg, width: LAYOUT.width, height: H };
}

const requireHere = createRequire(__filename);
let fontFiles: string[] | null = null;
function robotoFiles(): string[] {
  if (fontFiles) return fontFiles;
  const dir = path.dirname(requireHere.resolve('pdfmake/fonts/Roboto'));
  fontFiles = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf'].map((f) => path.join(dir, 'Roboto', f));
  return fontFiles;
}

/** The Gantt as PNG (resvg; 1.5× for print), with the bundled Roboto only (no system fonts). */
export function ganttPng(input: GanttInput, lang: GanttLang): Buffer {
  // Loaded on first use: a native module the rest of the API does not need.
  const { Resvg } = requireHere('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const { svg, width } = ganttSvg(input, lang);
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round(width * 1.5) }, background: '#ffffff', font: { fontFiles: robotoFiles(), loadSystemFonts: false, defaultFontFamily: 'Roboto' } });
  return r.render().asPng();
}

/** The Gantt as PDF: A4 landscape, the chart, a legend, and every row's dates as a table. */
export async function ganttPdf(input: GanttInput, lang: GanttLang): Promise<Buffer> {
  const x0 = TEXT[lang];
  const { svg } = ganttSvg(input, lang);
  const rows = scheduleOrder(input.rows);
  const item = new Map(input.items.map((i) => [i.permitId, i]));
  const cell = (v: string | null | undefined) => ({ text: v ?? '–', style: 'cell' });
  const doc: TDocumentDefinitions = {
    info: { title: x0.title(input.reference), subject: 'Gantt', creationDate: new Date(`${input.today}T12:00:00Z`) },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 32, 32, 40],
    content: [
      { text: x0.title(input.reference), style: 'h1' },
      { text: x0.generated(input.today), style: 'small', margin: [0, 0, 0, 8] },
      { svg, width: 778 },
      { text: x0.legend, style: 'small', margin: [0, 6, 0, 10] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 120, 62, 62, 62, 62, 92],
          body: [
            [x0.permit, x0.authority, x0.start, x0.decision, x0.final, x0.baseline, x0.band].map((h) => ({ text: h, style: 'th' })),
            ...rows.map((r) => {
              const it = item.get(r.permitId);
              return [
                cell(nameOf(lang, r)),
                cell(nameOf(lang, r.authority)),
                cell(it?.planned.startOn ?? r.plannedStart),
                cell(it?.planned.decisionOn ?? r.plannedEnd),
                cell(it?.planned.finalOn ?? r.plannedFinal),
                cell(it?.baseline.decisionOn),
                cell(r.forecast.decisionP50 ? `${r.forecast.decisionP50} – ${r.forecast.decisionP80}` : null),
              ];
            }),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text: [
          input.projectedCompletion ? `${x0.projected}: ${input.projectedCompletion}. ` : '',
          input.ceilingDueOn ? `${x0.ceiling}: ${input.ceilingDueOn}. ` : '',
          input.completionP50 ? `P50/P80: ${input.completionP50} / ${input.completionP80}.` : '',
        ].join(''),
        margin: [0, 8, 0, 0],
      },
    ],
    footer: (page: number, pages: number) => ({ text: `${input.reference} · ${page}/${pages}`, alignment: 'center', style: 'small' }),
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: { h1: { fontSize: 15, bold: true }, small: { fontSize: 8, color: '#555555' }, th: { bold: true, fontSize: 8 }, cell: { fontSize: 8 } },
  };
  return pdfmake().createPdf(doc).getBuffer();
}
