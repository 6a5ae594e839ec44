import { getPermitType } from './catalog';
import { APPEAL_GUIDANCE, decisionTemplateOf, PARTY_HEARING_RULES, PUBLICATION_RULES } from './decision-templates';
import { CATALOG_2025_1 } from './catalog-2025-1';

describe('decision templates (issue 15)', () => {
  it('every permit type has a template; appealable ones carry klagevejledning with a named body and a source', () => {
    for (const type of CATALOG_2025_1.permitTypes) {
      const t = decisionTemplateOf(type);
      expect(t.requiredSections).toEqual(expect.arrayContaining(['legalBasis', 'outcome', 'reasons']));
      if (t.appealGuidance) {
        expect(t.requiredSections).toContain('appealGuidance');
        expect(t.appealGuidance.bodyName.da.length).toBeGreaterThan(0);
        expect(t.appealGuidance.source.length).toBeGreaterThan(0);
      }
    }
  });

  it('notices and opinions have no klagevejledning (nothing to appeal)', () => {
    expect(decisionTemplateOf(getPermitType('CONSTRUCTION_SITE_NOTICE')).appealGuidance).toBeNull();
    expect(decisionTemplateOf(getPermitType('ARCHAEOLOGY')).appealGuidance).toBeNull();
  });

  it('MFKN and PKN decisions name their board', () => {
    expect(decisionTemplateOf(getPermitType('MILJOEGODKENDELSE')).appealGuidance?.bodyName.da).toBe('Miljø- og Fødevareklagenævnet');
    expect(decisionTemplateOf(getPermitType('LOKALPLAN')).appealGuidance?.bodyName.da).toBe('Planklagenævnet');
    expect(Object.keys(APPEAL_GUIDANCE)).toEqual(expect.arrayContaining(['MFKN', 'PKN']));
  });

  it('publication and partshøring rules name permit types that exist and carry a source; inferences are marked', () => {
    for (const [code, rule] of [...Object.entries(PUBLICATION_RULES), ...Object.entries(PARTY_HEARING_RULES)]) {
      expect(() => getPermitType(code)).not.toThrow();
      expect(rule.source.length).toBeGreaterThan(0);
      if ('inference' in rule && rule.inference) expect(rule.source).toMatch(/inference/);
    }
    expect(decisionTemplateOf(getPermitType('MILJOEGODKENDELSE')).partyHearing).toMatchObject({ minDuration: { unit: 'weeks', length: 2 }, maxDuration: { unit: 'weeks', length: 4 } });
    expect(decisionTemplateOf(getPermitType('MILJOEGODKENDELSE')).publication.required).toBe(true);
    expect(decisionTemplateOf(getPermitType('BUILDING_PERMIT')).publication.required).toBe(false);
  });
});
