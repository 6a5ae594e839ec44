import { detectDocumentType } from '../documents/file-type';
import { renderDemoPdf } from './demo-pdf';

describe('demo PDFs', () => {
  it('are real PDFs the upload checks accept, and differ with their content', async () => {
    const base = { title: 'Situationsplan', company: 'Nordlys Pharma A/S', paragraphs: ['Tilbygning mod nord.'], facts: [['Højde', '12 m']] as Array<[string, string]> };
    const a = await renderDemoPdf(base);
    const b = await renderDemoPdf({ ...base, facts: [['Højde', '11,5 m']] });
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(detectDocumentType(a, 'situationsplan.pdf')).toEqual(expect.objectContaining({ ok: true, contentType: 'application/pdf' }));
    expect(a.equals(b)).toBe(false);
  });
});
