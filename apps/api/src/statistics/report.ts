import type { Statistics } from './statistics.service';

const esc = (v: unknown) => String(v ?? '–').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

/** A self-contained, printable HTML report (no scripts, print stylesheet) of the L 206 statistics. */
export function renderReport(s: Statistics): string {
  const permitRows = s.permits
    .map(
      (r) =>
        `<tr><td>${esc(r.quarter)}</td><th scope="row">${esc(r.permitTypeName)} (${esc(r.permitType)})</th><td>${esc(r.authorityName)}</td><td>${r.decided}</td><td>${esc(r.medianElapsedDays)}</td><td>${esc(r.medianAuthorityDays)}</td><td>${esc(r.p80ElapsedDays)}</td><td>${pct(r.withinTargetShare)}</td></tr>`,
    )
    .join('\n');
  const caseRows = s.cases
    .map((r) => `<tr><th scope="row">${esc(r.quarter)}</th><td>${r.counted}</td><td>${r.completed}</td><td>${r.withinCeiling}</td><td>${pct(r.ceilingComplianceShare)}</td><td>${esc(r.medianElapsedDays)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Sagsbehandlingstider efter L 206 – Rød Løber</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;font-size:.9rem}caption{text-align:left;font-weight:700;margin-bottom:.5rem}@media print{body{margin:0}tr{break-inside:avoid}}</style>
</head><body>
<h1>Sagsbehandlingstider efter L 206</h1>
<p>Dannet ${esc(s.generatedAt)} · skema ${esc(s.schemaVersion)} · optællingsregler: ${esc(s.rules)}${s.range.from || s.range.to ? ` · periode ${esc(s.range.from ?? '…')}–${esc(s.range.to ?? '…')}` : ''}</p>
<table><caption>Tilladelser pr. type, myndighed og kvartal (afgørelsens kvartal)</caption>
<thead><tr><th scope="col">Kvartal</th><th scope="col">Tilladelse</th><th scope="col">Myndighed</th><th scope="col">Afgjort</th><th scope="col">Median, kalenderdage fra komplet ansøgning</th><th scope="col">Median, myndighedens dage (uden stop)</th><th scope="col">P80, kalenderdage</th><th scope="col">Andel inden for mål</th></tr></thead>
<tbody>${permitRows || '<tr><td colspan="8">Ingen afgørelser i perioden</td></tr>'}</tbody></table>
<table><caption>Sagernes loft (12/18 måneder) pr. kvartal</caption>
<thead><tr><th scope="col">Kvartal</th><th scope="col">Talt med</th><th scope="col">Afsluttet</th><th scope="col">Inden for loftet</th><th scope="col">Andel inden for loftet</th><th scope="col">Median, dage fra indsendelse til afslutning</th></tr></thead>
<tbody>${caseRows || '<tr><td colspan="6">Ingen sager i perioden</td></tr>'}</tbody></table>
</body></html>`;
}
