/**
 * The decision letter (issue 15) as a pdfmake document, built from the catalogue's decision
 * template and the permit's data; `renderPdf` turns it into bytes. The sections and their order
 * are the template's (`DECISION_SECTIONS`); the wording is ours, the legal facts the catalogue's.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DecisionTemplate, PermitType } from '@rl/permits-catalog';
import { isUnknown } from '@rl/permits-catalog';
import { formatLongDate } from '@rl/mailer';

// pdfmake's document model, as far as this letter uses it. (@types/pdfmake is not used: it pulls
// the DOM library into every server file's types.)
type Content = string | { [key: string]: unknown };
type TDocumentDefinitions = { content: Content[]; [key: string]: unknown };

export type LetterLocale = 'da' | 'en';
export type Outcome = 'granted' | 'grantedWithConditions' | 'refused';

/** A hearing response as the letter summarises it: no name, no e-mail (publishable). */
export interface HearingResponseSummary {
  receivedOn: string;
  late: boolean;
  consideredNote: string | null;
}

export interface DecisionLetter {
  locale: LetterLocale;
  permitType: PermitType;
  template: DecisionTemplate;
  authorityName: string;
  caseReference: string;
  caseTitle: string;
  permitId: string;
  company: { name: string; cvr: string };
  siteMunicipality: string | null;
  issuedOn: string;
  outcome: Outcome;
  conditions: string[];
  reasons: string;
  appealDeadlineOn: string | null;
  usableFrom: string | null;
  hearingResponses: HearingResponseSummary[];
  /** A draft (partshøring) or a preview: printed across every page, never a decision. */
  watermark: string | null;
  /** The letter this one replaces, if any (a new decision supersedes, never edits). */
  supersedes: { issuedOn: string } | null;
}

const T = {
  da: {
    title: 'Afgørelse',
    references: 'Sag',
    permit: 'Tilladelse',
    company: 'Virksomhed',
    site: 'Beliggenhed',
    project: 'Projekt',
    legalBasis: 'Retsgrundlag',
    outcomeHeading: 'Afgørelse',
    outcomes: { granted: 'Tilladelsen meddeles.', grantedWithConditions: 'Tilladelsen meddeles på de vilkår, der står nedenfor.', refused: 'Der gives afslag på ansøgningen.' },
    conditions: 'Vilkår',
    reasons: 'Begrundelse',
    hearing: 'Høringssvar',
    hearingCount: (n: number, late: number) => `Der er modtaget ${n} høringssvar${late > 0 ? `, heraf ${late} efter høringsfristen` : ''}.`,
    hearingNone: 'Der er ikke modtaget høringssvar.',
    hearingItem: (i: number, on: string, late: boolean) => `Høringssvar ${i} (modtaget ${on}${late ? ', efter fristen' : ''})`,
    notConsidered: 'Endnu ikke behandlet.',
    appealHeading: 'Klagevejledning',
    appealBody: (b: string) => `Afgørelsen kan påklages til ${b}.`,
    appealDeadline: (d: string, iso: string) => `Klagefristen udløber den ${d} (${iso}). Klagen skal være modtaget inden udløbet af denne dag.`,
    suspends: { yes: 'En klage har opsættende virkning: tilladelsen må ikke udnyttes, før klagen er afgjort.', no: 'En klage har ikke opsættende virkning, medmindre klagenævnet bestemmer andet.', unknown: 'Om en klage har opsættende virkning, afgør klagenævnet.' },
    usableFrom: 'Udnyttelse',
    usableFromText: (d: string) => `Tilladelsen kan udnyttes fra den ${d}. Udnyttes den inden klagefristens udløb, sker det på egen risiko.`,
    usableNever: 'Afslaget giver ikke ret til at udføre projektet.',
    supersedes: (d: string) => `Denne afgørelse erstatter afgørelsen af ${d}.`,
    issued: 'Dato',
    page: (p: number, n: number) => `Side ${p} af ${n}`,
    source: 'Kilde',
  },
  en: {
    title: 'Decision',
    references: 'Case',
    permit: 'Permit',
    company: 'Company',
    site: 'Location',
    project: 'Project',
    legalBasis: 'Legal basis',
    outcomeHeading: 'Decision',
    outcomes: { granted: 'The permit is granted.', grantedWithConditions: 'The permit is granted on the conditions set out below.', refused: 'The application is refused.' },
    conditions: 'Conditions',
    reasons: 'Reasons',
    hearing: 'Consultation responses',
    hearingCount: (n: number, late: number) => `${n} consultation response(s) were received${late > 0 ? `, ${late} of them after the deadline` : ''}.`,
    hearingNone: 'No consultation responses were received.',
    hearingItem: (i: number, on: string, late: boolean) => `Response ${i} (received ${on}${late ? ', late' : ''})`,
    notConsidered: 'Not yet considered.',
    appealHeading: 'How to appeal (klagevejledning)',
    appealBody: (b: string) => `The decision can be appealed to ${b}.`,
    appealDeadline: (d: string, iso: string) => `The appeal deadline (klagefrist) is ${d} (${iso}). The appeal must be received before the end of that day.`,
    suspends: { yes: 'An appeal suspends the permit: it may not be used until the appeal is decided.', no: 'An appeal does not suspend the permit unless the appeal board decides otherwise.', unknown: 'The appeal board decides whether an appeal suspends the permit.' },
    usableFrom: 'Use of the permit',
    usableFromText: (d: string) => `The permit can be used from ${d}. Using it before the appeal deadline has passed is at your own risk.`,
    usableNever: 'A refusal gives no right to carry out the project.',
    supersedes: (d: string) => `This decision replaces the decision of ${d}.`,
    issued: 'Date',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    source: 'Source',
  },
} as const;

const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 12, 0, 4] });

function appealSection(l: DecisionLetter): Content[] {
  const t = T[l.locale];
  const g = l.template.appealGuidance;
  if (!g) return [];
  const appeal = isUnknown(l.permitType.appeal) ? null : l.permitType.appeal;
  const suspends = appeal === null || isUnknown(appeal.suspendsPermit) ? t.suspends.unknown : appeal.suspendsPermit || appeal.usableOnlyAfterAppealPeriod ? t.suspends.yes : t.suspends.no;
  const body = g.bodyName[l.locale];
  return [
    heading(t.appealHeading),
    { text: t.appealBody(body) },
    ...(l.appealDeadlineOn ? [{ text: t.appealDeadline(formatLongDate(l.appealDeadlineOn, l.locale), l.appealDeadlineOn), bold: true, margin: [0, 4, 0, 4] } as Content] : []),
    { text: g.howToAppeal[l.locale] },
    { text: suspends, margin: [0, 4, 0, 0] },
    { text: `${t.source}: ${g.source}${appeal ? `; ${appeal.source}` : ''}`, style: 'small' },
  ];
}

function hearingSection(l: DecisionLetter): Content[] {
  const t = T[l.locale];
  const n = l.hearingResponses.length;
  if (n === 0) return [];
  const late = l.hearingResponses.filter((r) => r.late).length;
  return [
    heading(t.hearing),
    { text: t.hearingCount(n, late) },
    {
      ul: l.hearingResponses.map((r, i) => ({ text: [{ text: `${t.hearingItem(i + 1, formatLongDate(r.receivedOn, l.locale), r.late)}: `, bold: true }, r.consideredNote ?? t.notConsidered] })),
    },
  ];
}

/** The letter as a pdfmake document definition (sections in the template's order). */
export function decisionDocument(l: DecisionLetter): TDocumentDefinitions {
  const t = T[l.locale];
  const name = l.locale === 'en' ? l.permitType.nameEn : l.permitType.nameDa;
  const content: Content[] = [
    // letterhead
    { text: l.authorityName, style: 'letterhead' },
    { text: `${t.issued}: ${formatLongDate(l.issuedOn, l.locale)}`, alignment: 'right', margin: [0, 0, 0, 12] },
    { text: `${t.title}: ${name}`, style: 'h1' },
    // references and parties
    {
      table: {
        widths: [110, '*'],
        body: [
          [t.references, l.caseReference],
          [t.permit, `${l.permitType.code} (${l.permitId})`],
          [t.company, `${l.company.name} (CVR ${l.company.cvr})`],
          ...(l.siteMunicipality ? [[t.site, l.siteMunicipality]] : []),
          [t.project, l.caseTitle],
        ],
      },
      layout: 'noBorders',
      margin: [0, 4, 0, 4],
    },
    ...(l.supersedes ? [{ text: t.supersedes(formatLongDate(l.supersedes.issuedOn, l.locale)), italics: true } as Content] : []),
    heading(t.legalBasis),
    { text: l.permitType.legalBasis },
    heading(t.outcomeHeading),
    { text: t.outcomes[l.outcome], bold: true },
    ...(l.conditions.length > 0 ? [heading(t.conditions), { ol: l.conditions.map((c) => ({ text: c, margin: [0, 0, 0, 2] })) } as Content] : []),
    heading(t.reasons),
    { text: l.reasons },
    ...hearingSection(l),
    ...appealSection(l),
    heading(t.usableFrom),
    { text: l.outcome === 'refused' || !l.usableFrom ? t.usableNever : t.usableFromText(formatLongDate(l.usableFrom, l.locale)) },
  ];
  return {
    info: { title: `${t.title}: ${name} – ${l.caseReference}`, author: l.authorityName, subject: l.permitType.legalBasis, creationDate: new Date(`${l.issuedOn}T12:00:00Z`) },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    content,
    ...(l.watermark ? { watermark: { text: l.watermark, opacity: 0.15, bold: true } } : {}),
    footer: (page: number, pages: number) => ({ text: `${l.caseReference} · ${t.page(page, pages)}`, alignment: 'center', style: 'small' }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      letterhead: { fontSize: 14, bold: true, color: '#1a1a1a' },
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 12, bold: true },
      small: { fontSize: 8, color: '#555555' },
    },
  };
}

// pdfmake's server build with its bundled Roboto (covers æøå and every Danish letter); the
// files are read from pdfmake's own package only (local access policy), never from a URL.
const requireHere = createRequire(__filename);
let printer: { createPdf(d: TDocumentDefinitions): { getBuffer(): Promise<Buffer> } } | null = null;
export function pdfmake() {
  if (printer) return printer;
  const pm = requireHere('pdfmake') as {
    setFonts(f: unknown): void;
    setLocalAccessPolicy(cb: (p: string) => boolean): void;
    setUrlAccessPolicy(cb: (u: string) => boolean): void;
    createPdf(d: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
  };
  const fontsDir = path.dirname(requireHere.resolve('pdfmake/fonts/Roboto'));
  pm.setFonts(requireHere('pdfmake/fonts/Roboto'));
  pm.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fontsDir));
  pm.setUrlAccessPolicy(() => false);
  printer = pm;
  return pm;
}

/** The PDF bytes of a letter. */
export async function renderDecisionPdf(l: DecisionLetter): Promise<Buffer> {
  return pdfmake().createPdf(decisionDocument(l)).getBuffer();
}
