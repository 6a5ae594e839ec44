import pdfmake from 'pdfmake';

/** One demo document: a heading, a few paragraphs, and key facts as a two-column table. */
export interface DemoPdf {
  title: string;
  company: string;
  paragraphs: string[];
  facts: Array<[label: string, value: string]>;
  /** Statute or guidance the document answers to, printed under the title. */
  basis?: string;
}

// The PDF standard fonts (WinAnsi: æ, ø, å) — no font files to ship or load.
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
// The demo documents load nothing from the network, and from "disk" only the built-in standard fonts' names.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => Object.values(HELVETICA).includes(path));
pdfmake.setFonts({ Helvetica: HELVETICA });

/** Renders a small, real PDF (pdfmake) for the demo cases (issue 14 point 7). */
export function renderDemoPdf(d: DemoPdf): Promise<Buffer> {
  return pdfmake
    .createPdf({
      info: { title: d.title, author: d.company, creator: 'Rød Løber demo seed' },
      pageSize: 'A4',
      defaultStyle: { font: 'Helvetica', fontSize: 10 },
      styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, basis: { fontSize: 9, color: '#555555', margin: [0, 0, 0, 12] } },
      content: [
        { text: d.title, style: 'h1' },
        { text: `${d.company}${d.basis ? ` · ${d.basis}` : ''}`, style: 'basis' },
        ...d.paragraphs.map((p) => ({ text: p, margin: [0, 0, 0, 8] })),
        { table: { widths: ['35%', '65%'], body: d.facts.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'lightHorizontalLines', margin: [0, 8, 0, 0] },
      ],
    })
    .getBuffer();
}
