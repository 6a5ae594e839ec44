/**
 * Decision letters as catalogue DATA (issue 15): which sections a decision of each permit type
 * must have, whether it is published, whether the draft goes to the company first (partshøring),
 * and the klagevejledning (appeal guidance) of each appeal body — each fact with its source. A
 * fact we inferred says "(inference)". Renderers (the API's PDF) read this; nothing here renders.
 */
import { appealPeriodOf, isUnknown, type Duration, type PermitType } from './types';

/** Sections of a decision letter, in print order. */
export const DECISION_SECTIONS = [
  'letterhead',
  'references',
  'parties',
  'legalBasis',
  'outcome',
  'conditions',
  'reasons',
  'hearingResponses',
  'appealGuidance',
  'usableFrom',
] as const;
export type DecisionSection = (typeof DECISION_SECTIONS)[number];

/** Text in both languages the letters are written in. */
export interface BilingualText {
  da: string;
  en: string;
}

/** Klagevejledning of one appeal body: who, how, with the source of the wording. */
export interface AppealGuidance {
  bodyName: BilingualText;
  howToAppeal: BilingualText;
  source: string;
  inference: boolean;
}

export interface PublicationRule {
  required: boolean;
  source: string;
  inference: boolean;
}

export interface PartyHearingRule {
  /** Shortest and longest period the company gets to comment on the draft. */
  minDuration: Duration;
  maxDuration: Duration;
  source: string;
}

export interface DecisionTemplate {
  permitCode: string;
  /** Sections the caseworker's input must fill; 422 DECISION.TEMPLATE_INCOMPLETE lists the missing ones. */
  requiredSections: DecisionSection[];
  publication: PublicationRule;
  partyHearing: PartyHearingRule | null;
  /** null when the act cannot be appealed (a notice, an opinion). */
  appealGuidance: AppealGuidance | null;
}

const KLAGEPORTALEN = (body: BilingualText): BilingualText => ({
  da: `Klagen indgives digitalt via Klageportalen (borger.dk / virk.dk) og sendes til den myndighed, der har truffet afgørelsen, som videresender den til ${body.da}. Der betales et klagegebyr.`,
  en: `Lodge the appeal digitally through Klageportalen (borger.dk / virk.dk). It goes to the authority that made the decision, which forwards it to ${body.en}. An appeal fee is charged.`,
});

const MFKN_NAME: BilingualText = { da: 'Miljø- og Fødevareklagenævnet', en: 'the Environment and Food Board of Appeal (Miljø- og Fødevareklagenævnet)' };
const PKN_NAME: BilingualText = { da: 'Planklagenævnet', en: 'the Planning Board of Appeal (Planklagenævnet)' };

/** Appeal guidance by the catalogue's `appeal.body` value. */
export const APPEAL_GUIDANCE: Readonly<Record<string, AppealGuidance>> = {
  MFKN: {
    bodyName: MFKN_NAME,
    howToAppeal: KLAGEPORTALEN(MFKN_NAME),
    source: 'Lov om Miljø- og Fødevareklagenævnet §§3–4 (Klageportalen, fee); MBL §93 (4 weeks)',
    inference: false,
  },
  PKN: {
    bodyName: PKN_NAME,
    howToAppeal: KLAGEPORTALEN(PKN_NAME),
    source: 'Lov om Planklagenævnet §§3–4 (Klageportalen, fee); PL §60 (4 weeks)',
    inference: false,
  },
  Byggeklageenheden: {
    bodyName: { da: 'Byggeklageenheden', en: 'the Building Appeals Unit (Byggeklageenheden)' },
    howToAppeal: KLAGEPORTALEN({ da: 'Byggeklageenheden', en: 'the Building Appeals Unit' }),
    source: 'Byggeloven §§26a–26b (inference: Klageportalen as for the other boards of Nævnenes Hus)',
    inference: true,
  },
  Energiklagenævnet: {
    bodyName: { da: 'Energiklagenævnet', en: 'the Energy Board of Appeal (Energiklagenævnet)' },
    howToAppeal: {
      da: 'Klagen sendes skriftligt til Energiklagenævnet (Nævnenes Hus). Der betales et klagegebyr.',
      en: 'Send the appeal in writing to the Energy Board of Appeal (Nævnenes Hus). An appeal fee is charged.',
    },
    source: 'Varmeforsyningsloven §26 (inference: wording of the guidance not read)',
    inference: true,
  },
};

/** Guidance for a body the table above does not know: name it, say to write to it (inference). */
function fallbackGuidance(body: string): AppealGuidance {
  return {
    bodyName: { da: body, en: body },
    howToAppeal: { da: `Klagen sendes skriftligt til ${body} inden klagefristens udløb.`, en: `Send the appeal in writing to ${body} before the appeal deadline.` },
    source: 'catalogue appeal.body (inference: how to appeal not read)',
    inference: true,
  };
}

/**
 * Decisions that must be published (offentliggjort) with their klagefrist. MBL §77 as cited in
 * issue 15 ("the decision is notified and published with the klagefrist date"); VVM decisions
 * likewise under MVL §49 (inference); landzone permits are announced publicly (PL §35(4),
 * inference: wording not read); GMO production approvals are "Published" (permits-research.md §1 #18).
 */
export const PUBLICATION_RULES: Readonly<Record<string, PublicationRule>> = {
  MILJOEGODKENDELSE: { required: true, source: 'MBL §77 (as cited in issue 15); godkendelsesbek. §§17(4), 18(1) (permits-research.md §1 #6)', inference: false },
  VVM_SCREENING: { required: true, source: 'MVL §49 (inference: screening decisions are published like EIA permits)', inference: true },
  VVM_PERMIT: { required: true, source: 'MVL §49 (inference: wording not read)', inference: true },
  LANDZONE: { required: true, source: 'PL §35(4) (inference: public announcement of landzone permits; wording not read)', inference: true },
  GMO_PRODUCTION: { required: true, source: 'permits-research.md §1 #18 ("Published")', inference: false },
};

/**
 * Draft decisions sent to the company before the decision (partshøring): the environmental
 * permit's draft goes to the company for 2–4 weeks (permits-research.md §1 #6, ✔); the
 * discharge permit has a party hearing (§1 #7; length not stated: forvaltningsloven §19, 2 weeks
 * is our inference).
 */
export const PARTY_HEARING_RULES: Readonly<Record<string, PartyHearingRule>> = {
  MILJOEGODKENDELSE: { minDuration: { unit: 'weeks', length: 2 }, maxDuration: { unit: 'weeks', length: 4 }, source: 'permits-research.md §1 #6 ("Draft to the company for 2–4 weeks"); godkendelsesbek.' },
  UDLEDNINGSTILLADELSE: { minDuration: { unit: 'weeks', length: 2 }, maxDuration: { unit: 'weeks', length: 4 }, source: 'Forvaltningsloven §19 (partshøring; permits-research.md §1 #7); 2–4 weeks is an inference' },
};

const NOT_PUBLISHED: PublicationRule = { required: false, source: 'No publication duty found in the research (inference: not published)', inference: true };

/** The decision template of a permit type (derived from its entry and the tables above). */
export function decisionTemplateOf(type: PermitType): DecisionTemplate {
  const appealable = appealPeriodOf(type) !== null && !isUnknown(type.appeal);
  const body = appealable && !isUnknown(type.appeal) && !isUnknown(type.appeal.body) ? type.appeal.body : null;
  const appealGuidance = appealPeriodOf(type) === null ? null : body ? (APPEAL_GUIDANCE[body] ?? fallbackGuidance(body)) : null;
  return {
    permitCode: type.code,
    // Every letter states its legal basis, outcome and reasons (forvaltningsloven §§22–24:
    // a decision is reasoned and names the rules applied); appealable ones carry klagevejledning (§25).
    requiredSections: ['legalBasis', 'outcome', 'reasons', ...(appealGuidance ? (['appealGuidance'] as const) : [])],
    publication: PUBLICATION_RULES[type.code] ?? NOT_PUBLISHED,
    partyHearing: PARTY_HEARING_RULES[type.code] ?? null,
    appealGuidance,
  };
}
