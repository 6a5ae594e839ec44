import { getCatalog } from '../catalog';
import { getApplicationForm, getPermitSection } from './forms';
import { checkPermit, draftErrors, schemaAt } from './validate';
import type { FormSchema } from './types';

const V = '2025.1';

/** Every field node with a label in a schema (walks properties and array items). */
function labelled(s: FormSchema, at = ''): Array<[string, FormSchema]> {
  const out: Array<[string, FormSchema]> = [];
  for (const [k, child] of Object.entries(s.properties ?? {})) {
    if (child.title) out.push([`${at}/${k}`, child]);
    out.push(...labelled(child, `${at}/${k}`));
    if (child.items) out.push(...labelled(child.items, `${at}/${k}/0`));
  }
  return out;
}

describe('application forms (catalogue data)', () => {
  it('gives every permit type of the catalogue a section, with a completeness period and a source for each', () => {
    const form = getApplicationForm(V);
    expect(Object.keys(form.sections).sort()).toEqual(getCatalog(V).permitTypes.map((t) => t.code).sort());
    for (const s of Object.values(form.sections)) {
      expect(s.completenessCheck.duration.length).toBeGreaterThan(0);
      expect(s.completenessCheck.source).not.toBe('');
      for (const d of s.requiredDocuments) expect([d.key, d.source.length > 0, d.da.length > 0, d.en.length > 0]).toEqual([d.key, true, true, true]);
      // Every section field says which rule asks for it, in Danish and English.
      for (const [ptr, f] of labelled(s.schema)) expect([ptr, !!f['x-title-en'], !!f['x-source']]).toEqual([ptr, true, true]);
      // Shared fields are referenced, not duplicated: each points into the shared schema.
      for (const u of s.sharedFields) expect([u.pointer, schemaAt(form.shared, u.pointer) !== undefined]).toEqual([u.pointer, true]);
    }
    expect(getPermitSection('MILJOEGODKENDELSE', V).completenessCheck).toMatchObject({ duration: { unit: 'calendarDays', length: 21 }, inference: false });
  });

  it('lets a draft be incomplete but refuses wrong types, patterns, unknown fields and sections of permits the case lacks', () => {
    expect(draftErrors(V, { shared: {}, sections: {} }, ['BUILDING_PERMIT'])).toEqual([]);
    const errors = draftErrors(V, { shared: { company: { cvr: 'abc', extra: 1 }, project: { constructionStartWish: '2027-13-45' } }, sections: { BUILDING_PERMIT: { heightM: 'tall' }, GMP_MANUFACTURING: {} } }, ['BUILDING_PERMIT']);
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/sections/BUILDING_PERMIT/heightM', '/sections/GMP_MANUFACTURING', '/shared/company/cvr', '/shared/company/extra', '/shared/project/constructionStartWish']);
    for (const e of errors) expect(e.da).not.toBe(e.en);
  });

  it('checks a permit: missing shared and section fields and documents, each with its rule; empty when complete', () => {
    const missing = checkPermit(V, { shared: {}, sections: {} }, 'VANDINDVINDING', []);
    const pointers = missing.map((m) => m.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/shared/company', '/shared/site', '/sections/VANDINDVINDING/abstractionM3PerYear', 'documents/wellLocationMap']));
    expect(missing.find((m) => m.pointer === '/sections/VANDINDVINDING/abstractionM3PerYear')?.source).toMatch(/VFL §20/);
    const complete = {
      shared: {
        company: { cvr: '10000001', name: 'Nordlys Pharma A/S' },
        contacts: [{ name: 'Anna', email: 'anna@nordlys.example' }],
        site: { address: 'Industrivej 10, 4400 Kalundborg', municipalityCode: '326', cadastralParcels: [{ matrikelnummer: '12a', ejerlav: 'Kalundborg Markjorder' }] },
        project: { description: 'A production building for active substances.', constructionStartWish: '2027-09-01', operationStartWish: '2029-03-01' },
      },
      sections: { VANDINDVINDING: { abstractionM3PerYear: 250000, wellLocation: 'DGU 207.1234', purpose: 'Process water' } },
    };
    expect(checkPermit(V, complete, 'VANDINDVINDING', [])).toEqual([expect.objectContaining({ kind: 'document', pointer: 'documents/wellLocationMap' })]);
    expect(checkPermit(V, complete, 'VANDINDVINDING', [{ permitCode: 'VANDINDVINDING', requirementKey: 'wellLocationMap' }])).toEqual([]);
  });
});
