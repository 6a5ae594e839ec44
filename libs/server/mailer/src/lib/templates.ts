import { formatLongDate, type NotificationLocale } from './dates';

export type { NotificationLocale } from './dates';

/** Every notification the platform sends by e-mail. */
export const NOTIFICATION_KINDS = [
  'taskRouted',
  'infoRequested',
  'infoProvided',
  'hearingStarted',
  'hearingEnded',
  'decisionIssued',
  'permitFinal',
  'alertWarning',
  'alertBreach',
  'escalation',
  'caseSubmitted',
  'caseCompleted',
  'caseWithdrawn',
  'applicationWithdrawn',
  'applicationReturned',
  'validityReminder',
  'prerequisiteDecided',
  'decisionDraftSent',
  'decisionDraftAnswered',
  'targetChanged',
  'manualEscalation',
  'applicationReceipt',
  // Issue 17: referrals to another authority and a change of the deciding authority.
  'referralRequested',
  'referralAnswered',
  'referralOverdue',
  'authorityChanged',
  // Issue 17 item 2: ONE notification per sent bundled information request (not one per covered permit).
  'infoBundleSent',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Locales a notification can be rendered in; `da` is the default. */
export const NOTIFICATION_LOCALES: readonly NotificationLocale[] = ['da', 'en'];

/** Decision outcomes as the permit machine records them. */
export type DecisionOutcome = 'granted' | 'grantedWithConditions' | 'refused';

/**
 * What a notification may say. Only `caseReference` and `caseTitle` are always present; every
 * other field is shown when given and left out (never printed as "undefined") when not.
 * Dates are `YYYY-MM-DD` calendar dates (Europe/Copenhagen) or ISO timestamps.
 */
export interface NotificationData {
  caseReference: string;
  caseTitle: string;
  permitCode?: string;
  permitNameDa?: string;
  permitNameEn?: string;
  authorityNameDa?: string;
  authorityNameEn?: string;
  /** Due date: the target/answer-by date, depending on the kind (YYYY-MM-DD). */
  dueOn?: string;
  /** taskRouted: a coordinator assigned the task to the recipient personally (issue 16), not a new arrival. */
  assignedToYou?: boolean;
  /** The authority's question (infoRequested). */
  question?: string;
  /** granted | grantedWithConditions | refused (decisionIssued); other values are shown as is. */
  outcome?: string;
  /** Klagefrist: last day to appeal (decisionIssued). */
  appealDeadlineOn?: string;
  /** First day the permit may be used (decisionIssued, permitFinal). */
  usableFrom?: string;
  /** Earliest end of the hearing period (hearingStarted). */
  earliestEndAt?: string;
  /** Which clock an alert is about; defaults to 'target'. 'completeness': the completeness-check period (issue 14). */
  clock?: 'target' | 'statutory' | 'completeness';
  /** Share of the target used, in percent (alertWarning). */
  percentUsed?: number;
  /** How the decision ends (validityReminder): lapses if unused, or its maximum term runs out. */
  validityKind?: 'lapsesIfUnused' | 'maxTerm' | 'termSetInDecision';
  /** The statute behind the validity rule (validityReminder), e.g. "MVL §39". */
  validitySource?: string;
  /** The date before a change (targetChanged). */
  previousDueOn?: string;
  /** Why a date changed or a permit was escalated, as the reason code's text (targetChanged). */
  reasonText?: string;
  /** The other authority of a referral (asked or asking) or of an authority change (the new one) (issue 17). */
  otherAuthorityNameDa?: string;
  otherAuthorityNameEn?: string;
  /** opinion | consent (referralRequested, referralAnswered); 'proceeded' = decided without the answer. */
  referralKind?: string;
  /** The coordinator's note (targetChanged, manualEscalation). */
  note?: string;
  /** Absolute http(s) link to the case or task; other links are left out. */
  link?: string;
  /** The decision letter attached to the e-mail as a PDF (decisionIssued, issue 15). */
  decisionDocumentId?: string;
  /**
   * The questions of a bundled information request (infoBundleSent), each with the permits that
   * ask it (names in both languages); the one answer date is `dueOn`.
   */
  bundleQuestions?: Array<{ question: string; permitsDa: string[]; permitsEn: string[] }>;
  /** Codes of the prerequisites that were decided (prerequisiteDecided). */
  prerequisiteCodes?: string[];
}

/** A rendered e-mail: one-line subject, plain-text body and an HTML body with all data escaped. */
export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

/** Structured content of one message; `text` and `html` are both rendered from it. */
interface Content {
  summary: string;
  heading: string;
  paragraphs: string[];
  quote?: { label: string; text: string };
  facts: Array<[label: string, value: string | undefined]>;
}

interface Ctx {
  l: NotificationLocale;
  d: NotificationData;
  /** Permit name with code, or undefined when the data has neither. */
  permitLabel?: string;
  /** Permit name for running text, with a generic fallback ("tilladelsen" / "the permit"). */
  permit: string;
  authority?: string;
  /** The other authority of a referral or delegation, in the message's language only (no fallback, unlike `authority`). */
  otherAuthority?: string;
  date(value: string | undefined): string | undefined;
}

type Bilingual = Record<NotificationLocale, string>;

function present(v: string | undefined | null): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function pick(l: NotificationLocale, da: string | undefined, en: string | undefined): string | undefined {
  const [first, second] = l === 'en' ? [en, da] : [da, en];
  return present(first) ? first.trim() : present(second) ? second.trim() : undefined;
}

/** Upper-cases the first letter, for a permit name that starts a sentence. */
function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function makeCtx(l: NotificationLocale, d: NotificationData): Ctx {
  const name = pick(l, d.permitNameDa, d.permitNameEn);
  const code = present(d.permitCode) ? d.permitCode.trim() : undefined;
  const permitLabel = name && code ? `${name} (${code})` : (name ?? code);
  return {
    l,
    d,
    permitLabel,
    permit: name ?? code ?? (l === 'en' ? 'the permit' : 'tilladelsen'),
    authority: pick(l, d.authorityNameDa, d.authorityNameEn),
    otherAuthority: l === 'en' ? d.otherAuthorityNameEn : d.otherAuthorityNameDa,
    date: (v) => (present(v) ? formatLongDate(v.trim(), l) : undefined),
  };
}

const LABELS = {
  case: { da: 'Sag', en: 'Case' },
  permit: { da: 'Tilladelse', en: 'Permit' },
  authority: { da: 'Myndighed', en: 'Authority' },
  due: { da: 'Frist', en: 'Due date' },
  answerBy: { da: 'Svarfrist', en: 'Answer by' },
  earliestEnd: { da: 'Høringen slutter tidligst', en: 'Consultation ends at the earliest' },
  outcome: { da: 'Afgørelse', en: 'Decision' },
  appeal: { da: 'Klagefrist', en: 'Appeal deadline (klagefrist)' },
  usableFrom: { da: 'Kan udnyttes fra', en: 'Can be used from' },
  used: { da: 'Forbrugt af målsat sagsbehandlingstid', en: 'Target processing time used' },
  question: { da: 'Spørgsmål fra myndigheden', en: 'Question from the authority' },
  validUntil: { da: 'Gælder til og med', en: 'Valid until' },
  legalBasis: { da: 'Hjemmel', en: 'Legal basis' },
  link: { da: 'Åbn sagen i Rød Løber', en: 'Open the case in Rød Løber' },
  footer: {
    da: 'Denne e-mail er sendt automatisk fra Rød Løber – Én indgang for tilladelser til produktionsvirksomheder. Du kan ikke svare på den.',
    en: 'This e-mail was sent automatically by Rød Løber, the one-stop shop (Én indgang) for production-site permits. Replies are not read.',
  },
} satisfies Record<string, Bilingual>;

const OUTCOMES: Record<DecisionOutcome, Bilingual> = {
  granted: { da: 'Tilladelse givet', en: 'Granted (tilladelse givet)' },
  grantedWithConditions: { da: 'Tilladelse givet med vilkår', en: 'Granted with conditions (tilladelse med vilkår)' },
  refused: { da: 'Afslag', en: 'Refused (afslag)' },
};

/** Case, permit and authority: the facts every permit-level message carries. */
function baseFacts(c: Ctx, withPermit = true): Content['facts'] {
  const facts: Content['facts'] = [[LABELS.case[c.l], `${c.d.caseTitle} (${c.d.caseReference})`]];
  if (withPermit) {
    facts.push([LABELS.permit[c.l], c.permitLabel]);
    facts.push([LABELS.authority[c.l], c.authority]);
  }
  return facts;
}

function percentText(c: Ctx): string {
  const p = c.d.percentUsed;
  if (typeof p === 'number' && Number.isFinite(p)) return c.l === 'en' ? `${Math.round(p)}%` : `${Math.round(p)} %`;
  return c.l === 'en' ? 'At least 80%' : 'Mindst 80 %';
}

/** The completeness-check deadline approaching (warning) or passed (breach) (issue 14). */
function completenessAlert(c: Ctx, due: string | undefined, breached: boolean): Content {
  if (c.l === 'en') {
    return {
      summary: `${breached ? 'Completeness deadline passed' : 'Completeness deadline approaching'}: ${c.permit}`,
      heading: breached ? 'The completeness check is overdue' : 'The completeness check is due soon',
      paragraphs: [`Confirm that the application for ${c.permit} in the case "${c.d.caseTitle}" is complete, or ask for what is missing${due ? `, by ${due}` : ''}.`],
      facts: [...baseFacts(c), [LABELS.due.en, due]],
    };
  }
  return {
    summary: `${breached ? 'Frist for fuldstændighedstjek overskredet' : 'Frist for fuldstændighedstjek nærmer sig'}: ${c.permit}`,
    heading: breached ? 'Fuldstændighedstjekket er forsinket' : 'Fuldstændighedstjekket skal snart være gjort',
    paragraphs: [`Bekræft at ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}" er fyldestgørende, eller bed om det, der mangler${due ? `, senest den ${due}` : ''}.`],
    facts: [...baseFacts(c), [LABELS.due.da, due]],
  };
}

const TEMPLATES: Record<NotificationKind, (c: Ctx) => Content> = {
  // Issue 15 item 2: partshøring — the draft decision goes to the company with a deadline.
  decisionDraftSent: (c) => {
    const by = c.date(c.d.dueOn);
    return c.l === 'en'
      ? {
          summary: `Draft decision for comment: ${c.permit}`,
          heading: 'Comment on the draft decision (partshøring)',
          paragraphs: [`${c.authority ?? 'The authority'} has sent you a draft decision on ${c.permit} in the case "${c.d.caseTitle}".`, `Accept it or comment in Rød Løber${by ? ` by ${by}` : ''}. The decision is made after that.`],
          facts: [...baseFacts(c), [LABELS.answerBy.en, by]],
        }
      : {
          summary: `Udkast til afgørelse i høring: ${c.permit}`,
          heading: 'Bemærkninger til udkast til afgørelse (partshøring)',
          paragraphs: [`${c.authority ?? 'Myndigheden'} har sendt jer et udkast til afgørelse om ${c.permit} i sagen "${c.d.caseTitle}".`, `Accepter udkastet eller kom med bemærkninger i Rød Løber${by ? ` senest den ${by}` : ''}. Derefter træffes afgørelsen.`],
          facts: [...baseFacts(c), [LABELS.answerBy.da, by]],
        };
  },
  decisionDraftAnswered: (c) => {
    const accepted = c.d.outcome === 'accepted';
    return c.l === 'en'
      ? {
          summary: `Draft decision ${accepted ? 'accepted' : 'commented on'}: ${c.permit}`,
          heading: accepted ? 'The company accepts the draft decision' : 'The company has commented on the draft decision',
          paragraphs: [`The applicant has ${accepted ? 'accepted' : 'commented on'} the draft decision on ${c.permit} in the case "${c.d.caseTitle}". The decision can now be made.`],
          facts: baseFacts(c),
        }
      : {
          summary: `Udkast til afgørelse ${accepted ? 'accepteret' : 'kommenteret'}: ${c.permit}`,
          heading: accepted ? 'Virksomheden accepterer udkastet' : 'Virksomheden har bemærkninger til udkastet',
          paragraphs: [`Ansøger har ${accepted ? 'accepteret' : 'kommenteret'} udkastet til afgørelse om ${c.permit} i sagen "${c.d.caseTitle}". Afgørelsen kan nu træffes.`],
          facts: baseFacts(c),
        };
  },

  // Issue 15 item 5: the authority of a dependant permit hears that a prerequisite was decided.
  prerequisiteDecided: (c) => {
    const codes = Array.isArray(c.d.prerequisiteCodes) ? c.d.prerequisiteCodes.join(', ') : '';
    return c.l === 'en'
      ? {
          summary: `Prerequisite decided: ${c.permit}`,
          heading: 'A permit your decision depends on has been decided',
          paragraphs: [`The prerequisite${codes ? ` (${codes})` : ''} of ${c.permit} in the case "${c.d.caseTitle}" has been decided. The application can now be processed.`],
          facts: baseFacts(c),
        }
      : {
          summary: `Forudsætning afgjort: ${c.permit}`,
          heading: 'En tilladelse, jeres afgørelse afhænger af, er afgjort',
          paragraphs: [`Forudsætningen${codes ? ` (${codes})` : ''} for ${c.permit} i sagen "${c.d.caseTitle}" er afgjort. Ansøgningen kan nu behandles.`],
          facts: baseFacts(c),
        };
  },

  // Issue 13 item 4: 6 and 3 months before a granted decision lapses (MVL §39) or expires (VFL §22).
  validityReminder: (c) => {
    const until = c.date(c.d.dueOn);
    const lapse = c.d.validityKind === 'lapsesIfUnused';
    const source = present(c.d.validitySource) ? c.d.validitySource : undefined;
    return c.l === 'en'
      ? {
          summary: `Decision ${lapse ? 'lapses' : 'expires'} soon: ${c.permit}`,
          heading: lapse ? 'The decision lapses unless the project starts' : 'The permit expires',
          paragraphs: [
            lapse
              ? `The decision on ${c.permit} in the case "${c.d.caseTitle}" lapses (bortfalder) if the project has not started${until ? ` by ${until}` : ''}.`
              : `The permit ${c.permit} in the case "${c.d.caseTitle}" is valid${until ? ` until ${until} at the latest` : ' for a limited time'}. Apply for a new permit in good time.`,
          ],
          facts: [...baseFacts(c), [LABELS.validUntil.en, until], [LABELS.legalBasis.en, source]],
        }
      : {
          summary: `Afgørelsen ${lapse ? 'bortfalder' : 'udløber'} snart: ${c.permit}`,
          heading: lapse ? 'Afgørelsen bortfalder, hvis projektet ikke påbegyndes' : 'Tilladelsen udløber',
          paragraphs: [
            lapse
              ? `Afgørelsen om ${c.permit} i sagen "${c.d.caseTitle}" bortfalder, hvis projektet ikke er påbegyndt${until ? ` senest den ${until}` : ''}.`
              : `Tilladelsen ${c.permit} i sagen "${c.d.caseTitle}" gælder${until ? ` højst til og med den ${until}` : ' tidsbegrænset'}. Søg om ny tilladelse i god tid.`,
          ],
          facts: [...baseFacts(c), [LABELS.validUntil.da, until], [LABELS.legalBasis.da, source]],
        };
  },

  // Issue 16: a planned date of the agreed plan — which is the permit's target — moved.
  targetChanged: (c) => {
    const due = c.date(c.d.dueOn);
    const before = c.date(c.d.previousDueOn);
    return c.l === 'en'
      ? {
          summary: `Planned date changed: ${c.permit}`,
          heading: 'A planned date (target) has changed',
          paragraphs: [`The one-stop-shop changed the planned decision date (target) of ${c.permit} in the case "${c.d.caseTitle}"${before && due ? ` from ${before} to ${due}` : due ? ` to ${due}` : ''}.`],
          quote: present(c.d.note) ? { label: 'Note', text: c.d.note } : undefined,
          facts: [...baseFacts(c), [LABELS.due.en, due], ['Reason', c.d.reasonText]],
        }
      : {
          summary: `Planlagt dato ændret: ${c.permit}`,
          heading: 'En planlagt dato (mål) er ændret',
          paragraphs: [`Én indgang har ændret den planlagte afgørelsesdato (målet) for ${c.permit} i sagen "${c.d.caseTitle}"${before && due ? ` fra ${before} til ${due}` : due ? ` til ${due}` : ''}.`],
          quote: present(c.d.note) ? { label: 'Bemærkning', text: c.d.note } : undefined,
          facts: [...baseFacts(c), [LABELS.due.da, due], ['Begrundelse', c.d.reasonText]],
        };
  },

  // Issue 17 item 2: one bundled information request from several authorities, one answer date.
  infoBundleSent: (c) => {
    const by = c.date(c.d.dueOn);
    const qs = (c.d.bundleQuestions ?? []).filter((q) => present(q.question));
    const permits = [...new Set(qs.flatMap((q) => (c.l === 'en' ? q.permitsEn : q.permitsDa)))];
    const lines = qs.map((q, i) => `${i + 1}. ${q.question.trim()} (${c.l === 'en' ? 'asked for' : 'stillet for'}: ${(c.l === 'en' ? q.permitsEn : q.permitsDa).join(', ')})`);
    return c.l === 'en'
      ? {
          summary: `One information request covering ${permits.length} permits`,
          heading: 'The authorities need more information – one request',
          paragraphs: [
            `The authorities have bundled their questions about the case "${c.d.caseTitle}" into one request (anmodning om oplysninger). Answer each question once in Rød Løber; the answer reaches every permit that asked it.`,
            ...(by ? [`Please answer by ${by}.`] : []),
            `The processing clocks of these permits are stopped (sat i bero) until you answer: ${permits.join(', ')}.`,
          ],
          quote: lines.length > 0 ? { label: 'Questions', text: lines.join('\n') } : undefined,
          facts: [...baseFacts(c, false), [LABELS.answerBy.en, by]],
        }
      : {
          summary: `Én samlet anmodning om oplysninger til ${permits.length} tilladelser`,
          heading: 'Myndighederne har brug for flere oplysninger – én anmodning',
          paragraphs: [
            `Myndighederne har samlet deres spørgsmål i sagen "${c.d.caseTitle}" i én anmodning om oplysninger. Besvar hvert spørgsmål én gang i Rød Løber; svaret går til alle de tilladelser, der har stillet det.`,
            ...(by ? [`Svar senest den ${by}.`] : []),
            `Sagsbehandlingstiden for disse tilladelser er sat i bero, indtil I har svaret: ${permits.join(', ')}.`,
          ],
          quote: lines.length > 0 ? { label: 'Spørgsmål', text: lines.join('\n') } : undefined,
          facts: [...baseFacts(c, false), [LABELS.answerBy.da, by]],
        };
  },

  // Issue 16: a coordinator escalated a permit by hand (not a breach alert).
  manualEscalation: (c) =>
    c.l === 'en'
      ? {
          summary: `Escalated by the one-stop-shop: ${c.permit}`,
          heading: 'The one-stop-shop has escalated a permit',
          paragraphs: [`A coordinator escalated ${c.permit}${c.authority ? ` at ${c.authority}` : ''} in the case "${c.d.caseTitle}". Please give it priority and contact the coordinator.`],
          quote: present(c.d.note) ? { label: 'Note', text: c.d.note } : undefined,
          facts: baseFacts(c),
        }
      : {
          summary: `Eskaleret af Én indgang: ${c.permit}`,
          heading: 'Én indgang har eskaleret en tilladelse',
          paragraphs: [`En koordinator har eskaleret ${c.permit}${c.authority ? ` hos ${c.authority}` : ''} i sagen "${c.d.caseTitle}". Prioritér sagen, og kontakt koordinatoren.`],
          quote: present(c.d.note) ? { label: 'Bemærkning', text: c.d.note } : undefined,
          facts: baseFacts(c),
        },

  // Issue 17: another authority asks for an opinion or consent (to the asked authority).
  referralRequested: (c) => {
    const due = c.date(c.d.dueOn);
    const consent = c.d.referralKind === 'consent';
    return c.l === 'en'
      ? {
          summary: `${consent ? 'Consent' : 'Opinion'} requested: ${c.permit}`,
          heading: `${c.authority ?? 'An authority'} asks for your ${consent ? 'consent' : 'opinion'}`,
          paragraphs: [`${c.authority ?? 'An authority'} asks ${c.otherAuthority ?? 'your authority'} for ${consent ? 'its consent' : 'an opinion'} on ${c.permit} in the case "${c.d.caseTitle}"${due ? `. Please answer by ${due}` : ''}. After that date the authority may decide without your answer.`],
          quote: present(c.d.question) ? { label: 'Question', text: c.d.question } : undefined,
          facts: [...baseFacts(c), [LABELS.due.en, due]],
        }
      : {
          summary: `${consent ? 'Anmodning om samtykke' : 'Anmodning om udtalelse'}: ${c.permit}`,
          heading: `${c.authority ?? 'En myndighed'} beder om ${consent ? 'jeres samtykke' : 'jeres udtalelse'}`,
          paragraphs: [`${c.authority ?? 'En myndighed'} beder ${c.otherAuthority ?? 'jer'} om ${consent ? 'samtykke' : 'en udtalelse'} om ${c.permit} i sagen "${c.d.caseTitle}"${due ? `. Svar senest den ${due}` : ''}. Efter fristen kan myndigheden træffe afgørelse uden jeres svar.`],
          quote: present(c.d.question) ? { label: 'Spørgsmål', text: c.d.question } : undefined,
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  // Issue 17: the asked authority answered, or the requester proceeded without an answer.
  referralAnswered: (c) => {
    const proceeded = c.d.referralKind === 'proceeded';
    return c.l === 'en'
      ? {
          summary: proceeded ? `Proceeding without an answer: ${c.permit}` : `Referral answered: ${c.permit}`,
          heading: proceeded ? 'The deadline passed: the authority proceeds without the answer' : `${c.otherAuthority ?? 'The other authority'} has answered`,
          paragraphs: [
            proceeded
              ? `The answer period of the referral to ${c.otherAuthority ?? 'the other authority'} on ${c.permit} in the case "${c.d.caseTitle}" has passed; ${c.authority ?? 'the authority'} proceeds without it.`
              : `${c.otherAuthority ?? 'The other authority'} has answered the referral on ${c.permit} in the case "${c.d.caseTitle}".`,
          ],
          quote: present(c.d.note) ? { label: proceeded ? 'Note' : 'Answer', text: c.d.note } : undefined,
          facts: baseFacts(c),
        }
      : {
          summary: proceeded ? `Fortsætter uden svar: ${c.permit}` : `Høring besvaret: ${c.permit}`,
          heading: proceeded ? 'Fristen er udløbet: myndigheden fortsætter uden svaret' : `${c.otherAuthority ?? 'Den anden myndighed'} har svaret`,
          paragraphs: [
            proceeded
              ? `Svarfristen for høringen af ${c.otherAuthority ?? 'den anden myndighed'} om ${c.permit} i sagen "${c.d.caseTitle}" er udløbet; ${c.authority ?? 'myndigheden'} fortsætter uden svaret.`
              : `${c.otherAuthority ?? 'Den anden myndighed'} har besvaret høringen om ${c.permit} i sagen "${c.d.caseTitle}".`,
          ],
          quote: present(c.d.note) ? { label: proceeded ? 'Bemærkning' : 'Svar', text: c.d.note } : undefined,
          facts: baseFacts(c),
        };
  },

  // Issue 17: the answer date of a referral passed without an answer (to the asking authority).
  referralOverdue: (c) => {
    const due = c.date(c.d.dueOn);
    return c.l === 'en'
      ? {
          summary: `No answer by the deadline: ${c.permit}`,
          heading: `${c.otherAuthority ?? 'The other authority'} has not answered`,
          paragraphs: [`The answer date${due ? ` (${due})` : ''} of the referral to ${c.otherAuthority ?? 'the other authority'} on ${c.permit} in the case "${c.d.caseTitle}" has passed. You may proceed without the answer; record it on the permit page.`],
          facts: [...baseFacts(c), [LABELS.due.en, due]],
        }
      : {
          summary: `Intet svar inden fristen: ${c.permit}`,
          heading: `${c.otherAuthority ?? 'Den anden myndighed'} har ikke svaret`,
          paragraphs: [`Svarfristen${due ? ` (${due})` : ''} for høringen af ${c.otherAuthority ?? 'den anden myndighed'} om ${c.permit} i sagen "${c.d.caseTitle}" er udløbet. I kan fortsætte uden svaret; registrér det på tilladelsens side.`],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  // Issue 17: the deciding authority changed (delegation between municipalities or call-in).
  authorityChanged: (c) => {
    const callIn = c.d.referralKind === 'callIn';
    return c.l === 'en'
      ? {
          summary: `${callIn ? 'Called in' : 'Delegated'}: ${c.permit}`,
          heading: callIn ? 'The case has been called in' : 'The case has been delegated to another municipality',
          paragraphs: [`${c.permit} in the case "${c.d.caseTitle}" is now decided by ${c.otherAuthority ?? 'another authority'} instead of ${c.authority ?? 'the previous authority'}. The deadlines continue unchanged.`],
          quote: present(c.d.note) ? { label: 'Reason', text: c.d.note } : undefined,
          facts: [...baseFacts(c), ['Legal basis', c.d.reasonText]],
        }
      : {
          summary: `${callIn ? 'Hjemtaget' : 'Delegeret'}: ${c.permit}`,
          heading: callIn ? 'Sagen er hjemtaget af ministeren' : 'Sagen er delegeret til en anden kommune',
          paragraphs: [`${c.permit} i sagen "${c.d.caseTitle}" afgøres nu af ${c.otherAuthority ?? 'en anden myndighed'} i stedet for ${c.authority ?? 'den hidtidige myndighed'}. Fristerne fortsætter uændret.`],
          quote: present(c.d.note) ? { label: 'Begrundelse', text: c.d.note } : undefined,
          facts: [...baseFacts(c), [LABELS.legalBasis.da, c.d.reasonText]],
        };
  },

  taskRouted: (c) => {
    const due = c.date(c.d.dueOn);
    const where = c.authority ?? (c.l === 'en' ? 'your authority' : 'jeres myndighed');
    if (c.d.assignedToYou === true) {
      return c.l === 'en'
        ? {
            summary: `Task assigned to you: ${c.permit}`,
            heading: 'The one-stop-shop has assigned a task to you',
            paragraphs: [`A coordinator assigned you the task for ${c.permit} in the case "${c.d.caseTitle}" at ${where}.`, 'You find it under "Mine" in the inbox.'],
            facts: [...baseFacts(c), [LABELS.due.en, due]],
          }
        : {
            summary: `Opgave tildelt dig: ${c.permit}`,
            heading: 'Én indgang har tildelt dig en opgave',
            paragraphs: [`En koordinator har tildelt dig opgaven om ${c.permit} i sagen "${c.d.caseTitle}" hos ${where}.`, 'Du finder den under "Mine" i indbakken.'],
            facts: [...baseFacts(c), [LABELS.due.da, due]],
          };
    }
    return c.l === 'en'
      ? {
          summary: `New task: ${c.permit}`,
          heading: "A new application has arrived in your authority's inbox",
          paragraphs: [
            `The application for ${c.permit} in the case "${c.d.caseTitle}" is now in the inbox of ${where}.`,
            'Claim the task and start the completeness check. The processing clock starts when the application is complete.',
          ],
          facts: [...baseFacts(c), [LABELS.due.en, due]],
        }
      : {
          summary: `Ny opgave: ${c.permit}`,
          heading: 'En ny ansøgning er kommet i jeres indbakke',
          paragraphs: [
            `Ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}" ligger nu i indbakken hos ${where}.`,
            'Tag opgaven, og vurder om ansøgningen er fuldstændig. Sagsbehandlingstiden regnes fra, at ansøgningen er fuldstændig.',
          ],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  infoRequested: (c) => {
    const by = c.date(c.d.dueOn);
    const who = c.authority ?? (c.l === 'en' ? 'The authority' : 'Myndigheden');
    const quote = present(c.d.question) ? { label: LABELS.question[c.l], text: c.d.question.trim() } : undefined;
    return c.l === 'en'
      ? {
          summary: `Information requested: ${c.permit}`,
          heading: 'The authority needs more information',
          paragraphs: [
            `${who} asks for more information (anmodning om oplysninger) about your application for ${c.permit}.`,
            ...(by ? [`Please answer by ${by}.`] : []),
            'The processing clock is stopped (sat i bero) until the authority has your answer. It resumes when you reply in Rød Løber.',
          ],
          quote,
          facts: [...baseFacts(c), [LABELS.answerBy.en, by]],
        }
      : {
          summary: `Myndigheden beder om oplysninger: ${c.permit}`,
          heading: 'Myndigheden har brug for flere oplysninger',
          paragraphs: [
            `${who} beder om flere oplysninger til jeres ansøgning om ${c.permit}.`,
            ...(by ? [`Svar senest den ${by}.`] : []),
            'Sagsbehandlingstiden er sat i bero, indtil myndigheden har modtaget jeres svar. Den løber videre, når I har svaret i Rød Løber.',
          ],
          quote,
          facts: [...baseFacts(c), [LABELS.answerBy.da, by]],
        };
  },

  infoProvided: (c) =>
    c.l === 'en'
      ? {
          summary: `Applicant has replied: ${c.permit}`,
          heading: 'The applicant has provided the requested information',
          paragraphs: [
            `The applicant has answered the request for information (anmodning om oplysninger) about ${c.permit} in the case "${c.d.caseTitle}".`,
            'The processing clock is running again.',
          ],
          facts: baseFacts(c),
        }
      : {
          summary: `Ansøger har svaret: ${c.permit}`,
          heading: 'Ansøgeren har sendt de ønskede oplysninger',
          paragraphs: [
            `Ansøgeren har besvaret anmodningen om oplysninger til ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}".`,
            'Sagsbehandlingstiden løber igen.',
          ],
          facts: baseFacts(c),
        },

  // The receipt (kvittering, issue 14): the application is complete and the authority states the
  // expected decision date (public bodies must state it: permits-research.md §2).
  applicationReceipt: (c) => {
    const due = c.date(c.d.dueOn);
    return c.l === 'en'
      ? {
          summary: `Application complete: ${c.permit}`,
          heading: 'Your application is complete',
          paragraphs: [
            `The authority has confirmed that the application for ${c.permit} in the case "${c.d.caseTitle}" is complete (fyldestgørende). The processing clock runs from today.`,
            ...(due ? [`Expected decision by ${due}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.due.en, due]],
        }
      : {
          summary: `Ansøgningen er fyldestgørende: ${c.permit}`,
          heading: 'Din ansøgning er fyldestgørende',
          paragraphs: [
            `Myndigheden har bekræftet, at ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}" er fyldestgørende. Sagsbehandlingstiden løber fra i dag.`,
            ...(due ? [`Forventet afgørelse senest den ${due}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  hearingStarted: (c) => {
    const end = c.date(c.d.earliestEndAt);
    const who = c.authority ?? (c.l === 'en' ? 'The authority' : 'Myndigheden');
    return c.l === 'en'
      ? {
          summary: `Consultation started: ${c.permit}`,
          heading: 'The application has been sent out for consultation',
          paragraphs: [
            `${who} has sent ${c.permit} out for consultation (høring).`,
            ...(end ? [`The consultation ends on ${end} at the earliest.`] : []),
            'No decision can be made before the consultation period has ended.',
          ],
          facts: [...baseFacts(c), [LABELS.earliestEnd.en, end]],
        }
      : {
          summary: `Høring startet: ${c.permit}`,
          heading: 'Ansøgningen er sendt i høring',
          paragraphs: [
            `${who} har sendt ${c.permit} i høring.`,
            ...(end ? [`Høringen slutter tidligst den ${end}.`] : []),
            'Der kan ikke træffes afgørelse, før høringsperioden er slut.',
          ],
          facts: [...baseFacts(c), [LABELS.earliestEnd.da, end]],
        };
  },

  hearingEnded: (c) =>
    c.l === 'en'
      ? {
          summary: `Consultation ended: ${c.permit}`,
          heading: 'The consultation has ended',
          paragraphs: [
            `The consultation (høring) on ${c.permit} has ended.`,
            'The authority is now reviewing the consultation responses (høringssvar) and working towards a decision.',
          ],
          facts: baseFacts(c),
        }
      : {
          summary: `Høring afsluttet: ${c.permit}`,
          heading: 'Høringen er afsluttet',
          paragraphs: [
            `Høringen om ${c.permit} er afsluttet.`,
            'Myndigheden gennemgår nu høringssvarene og arbejder videre mod en afgørelse.',
          ],
          facts: baseFacts(c),
        },

  decisionIssued: (c) => {
    const raw = present(c.d.outcome) ? c.d.outcome.trim() : undefined;
    const known = raw && raw in OUTCOMES ? (raw as DecisionOutcome) : undefined;
    const outcome = known ? OUTCOMES[known][c.l] : raw;
    const appeal = c.date(c.d.appealDeadlineOn);
    // A refusal grants nothing that could be used.
    const usable = known === 'refused' ? undefined : c.date(c.d.usableFrom);
    const who = c.authority ?? (c.l === 'en' ? 'The authority' : 'Myndigheden');
    return c.l === 'en'
      ? {
          summary: `Decision: ${c.permit}${outcome ? ` – ${outcome}` : ''}`,
          heading: 'A decision has been made',
          paragraphs: [
            `${who} has made a decision (afgørelse) on ${c.permit}${outcome ? `: ${outcome}` : ''}.`,
            ...(appeal ? [`The appeal deadline (klagefrist) is ${appeal}. The decision can be appealed until the end of that day.`] : []),
            ...(usable ? [`The permit can be used from ${usable} at the earliest.`] : []),
            ...(present(c.d.decisionDocumentId) ? ['The decision letter with the appeal guidance (klagevejledning) is attached as a PDF.'] : []),
          ],
          facts: [...baseFacts(c), [LABELS.outcome.en, outcome], [LABELS.appeal.en, appeal], [LABELS.usableFrom.en, usable]],
        }
      : {
          summary: `Afgørelse: ${c.permit}${outcome ? ` – ${outcome}` : ''}`,
          heading: 'Der er truffet afgørelse',
          paragraphs: [
            `${who} har truffet afgørelse om ${c.permit}${outcome ? `: ${outcome}` : ''}.`,
            ...(appeal ? [`Klagefristen udløber den ${appeal}. Afgørelsen kan påklages til og med den dag.`] : []),
            ...(usable ? [`Tilladelsen kan tidligst udnyttes fra den ${usable}.`] : []),
            ...(present(c.d.decisionDocumentId) ? ['Afgørelsen med klagevejledning er vedhæftet som PDF.'] : []),
          ],
          facts: [...baseFacts(c), [LABELS.outcome.da, outcome], [LABELS.appeal.da, appeal], [LABELS.usableFrom.da, usable]],
        };
  },

  permitFinal: (c) => {
    const usable = c.date(c.d.usableFrom);
    return c.l === 'en'
      ? {
          summary: `Decision final: ${c.permit}`,
          heading: 'The decision is final',
          paragraphs: [
            `The decision on ${c.permit} is now final (endelig): the appeal period (klagefrist) has expired or the appeal has been decided.`,
            ...(usable ? [`The permit can be used from ${usable}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.usableFrom.en, usable]],
        }
      : {
          summary: `Endelig afgørelse: ${c.permit}`,
          heading: 'Afgørelsen er endelig',
          paragraphs: [
            `Afgørelsen om ${c.permit} er nu endelig: klagefristen er udløbet, eller klagen er afgjort.`,
            ...(usable ? [`Tilladelsen kan udnyttes fra den ${usable}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.usableFrom.da, usable]],
        };
  },

  alertWarning: (c) => {
    const due = c.date(c.d.dueOn);
    if (c.d.clock === 'completeness') return completenessAlert(c, due, false);
    const pct = percentText(c);
    return c.l === 'en'
      ? {
          summary: `Deadline approaching: ${c.permit}`,
          heading: 'The target date is approaching',
          paragraphs: [
            `${pct} of the target processing time (målsat sagsbehandlingstid) for ${c.permit} in the case "${c.d.caseTitle}" has been used.`,
            ...(due ? [`The target is a decision by ${due}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.used.en, pct], [LABELS.due.en, due]],
        }
      : {
          summary: `Fristen nærmer sig: ${c.permit}`,
          heading: 'Fristen nærmer sig',
          paragraphs: [
            `${pct} af den målsatte sagsbehandlingstid for ${c.permit} i sagen "${c.d.caseTitle}" er brugt.`,
            ...(due ? [`Målet er en afgørelse senest den ${due}.`] : []),
          ],
          facts: [...baseFacts(c), [LABELS.used.da, pct], [LABELS.due.da, due]],
        };
  },

  alertBreach: (c) => {
    const due = c.date(c.d.dueOn);
    if (c.d.clock === 'completeness') return completenessAlert(c, due, true);
    const statutory = c.d.clock === 'statutory';
    if (c.l === 'en') {
      return statutory
        ? {
            summary: `Statutory deadline passed: ${c.permit}`,
            heading: 'The statutory deadline has passed',
            paragraphs: [
              `The statutory deadline (lovbestemt frist) for a decision on ${c.permit} in the case "${c.d.caseTitle}" has passed${due ? ` (deadline ${due})` : ''}.`,
              'Please make the decision as soon as possible.',
            ],
            facts: [...baseFacts(c), [LABELS.due.en, due]],
          }
        : {
            summary: `Target passed: ${c.permit}`,
            heading: 'The target processing time has passed',
            paragraphs: [
              `The target processing time (målsat sagsbehandlingstid) for ${c.permit} in the case "${c.d.caseTitle}" has passed${due ? ` (target ${due})` : ''}.`,
              'The one-stop-shop coordinators have been informed.',
            ],
            facts: [...baseFacts(c), [LABELS.due.en, due]],
          };
    }
    return statutory
      ? {
          summary: `Lovbestemt frist overskredet: ${c.permit}`,
          heading: 'Den lovbestemte frist er overskredet',
          paragraphs: [
            `Den lovbestemte frist for afgørelse om ${c.permit} i sagen "${c.d.caseTitle}" er overskredet${due ? ` (frist ${due})` : ''}.`,
            'Træf afgørelse hurtigst muligt.',
          ],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        }
      : {
          summary: `Frist overskredet: ${c.permit}`,
          heading: 'Den målsatte sagsbehandlingstid er overskredet',
          paragraphs: [
            `Den målsatte sagsbehandlingstid for ${c.permit} i sagen "${c.d.caseTitle}" er overskredet${due ? ` (mål ${due})` : ''}.`,
            'Koordinatorerne i Én indgang er orienteret.',
          ],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  escalation: (c) => {
    const due = c.date(c.d.dueOn);
    return c.l === 'en'
      ? {
          summary: `Escalation: ${c.permit}${c.authority ? ` at ${c.authority}` : ''} has passed its target`,
          heading: 'A permit has passed its target',
          paragraphs: [
            `${cap(c.permit)}${c.authority ? ` at ${c.authority}` : ''} in the case "${c.d.caseTitle}" has passed its target processing time (målsat sagsbehandlingstid)${due ? ` of ${due}` : ''}.`,
            "Follow up with the authority and check the effect on the case's overall deadline.",
          ],
          facts: [...baseFacts(c), [LABELS.due.en, due]],
        }
      : {
          summary: `Eskalering: ${c.permit}${c.authority ? ` hos ${c.authority}` : ''} har overskredet målet`,
          heading: 'En tilladelse har overskredet sin målsatte sagsbehandlingstid',
          paragraphs: [
            `${cap(c.permit)}${c.authority ? ` hos ${c.authority}` : ''} i sagen "${c.d.caseTitle}" har overskredet den målsatte sagsbehandlingstid${due ? ` (mål ${due})` : ''}.`,
            'Følg op med myndigheden, og vurder betydningen for sagens samlede frist.',
          ],
          facts: [...baseFacts(c), [LABELS.due.da, due]],
        };
  },

  caseSubmitted: (c) =>
    c.l === 'en'
      ? {
          summary: 'Case submitted',
          heading: 'We have received your case',
          paragraphs: [
            `Your case "${c.d.caseTitle}" has been submitted.`,
            'The applications are now being sent to the authorities that decide them. You can follow every permit in Rød Løber.',
          ],
          facts: baseFacts(c, false),
        }
      : {
          summary: 'Sagen er sendt',
          heading: 'Vi har modtaget jeres sag',
          paragraphs: [
            `Jeres sag "${c.d.caseTitle}" er sendt.`,
            'Ansøgningerne sendes nu videre til de myndigheder, der skal træffe afgørelse. I kan følge hver tilladelse i Rød Løber.',
          ],
          facts: baseFacts(c, false),
        },

  caseCompleted: (c) =>
    c.l === 'en'
      ? {
          summary: 'Case completed',
          heading: 'The case is completed',
          paragraphs: [`All applications in the case "${c.d.caseTitle}" have been processed, and the case is completed.`],
          facts: baseFacts(c, false),
        }
      : {
          summary: 'Sagen er afsluttet',
          heading: 'Sagen er afsluttet',
          paragraphs: [`Alle ansøgninger i sagen "${c.d.caseTitle}" er færdigbehandlet, og sagen er afsluttet.`],
          facts: baseFacts(c, false),
        },

  caseWithdrawn: (c) =>
    c.l === 'en'
      ? {
          summary: 'Case withdrawn',
          heading: 'The case has been withdrawn',
          paragraphs: [
            `The case "${c.d.caseTitle}" has been withdrawn (trukket tilbage).`,
            'Applications that had not yet been decided will not be processed further.',
          ],
          facts: baseFacts(c, false),
        }
      : {
          summary: 'Sagen er trukket tilbage',
          heading: 'Sagen er trukket tilbage',
          paragraphs: [
            `Sagen "${c.d.caseTitle}" er trukket tilbage.`,
            'Ansøgninger, der endnu ikke var afgjort, behandles ikke videre.',
          ],
          facts: baseFacts(c, false),
        },

  applicationWithdrawn: (c) =>
    c.l === 'en'
      ? {
          summary: `Application withdrawn: ${c.permit}`,
          heading: 'An application has been withdrawn',
          paragraphs: [
            `The application for ${c.permit} in the case "${c.d.caseTitle}" has been withdrawn (trukket tilbage) and will not be processed further.`,
          ],
          facts: baseFacts(c),
        }
      : {
          summary: `Ansøgning trukket tilbage: ${c.permit}`,
          heading: 'En ansøgning er trukket tilbage',
          paragraphs: [`Ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}" er trukket tilbage og behandles ikke videre.`],
          facts: baseFacts(c),
        },

  // A prerequisite was overturned or remitted on appeal (issue 13 item 1): the application
  // leaves the authority's inbox until the prerequisite holds again.
  applicationReturned: (c) =>
    c.l === 'en'
      ? {
          summary: `Application on hold: ${c.permit}`,
          heading: 'An application is on hold again',
          paragraphs: [
            `A permit that the application for ${c.permit} in the case "${c.d.caseTitle}" depends on no longer holds (its decision was overturned or sent back on appeal).`,
            'The application has been taken out of the authority’s inbox and waits until that permit is in place again; it is then filed anew.',
          ],
          facts: baseFacts(c),
        }
      : {
          summary: `Ansøgning sat i bero: ${c.permit}`,
          heading: 'En ansøgning er sat i bero igen',
          paragraphs: [
            `En tilladelse, som ansøgningen om ${c.permit} i sagen "${c.d.caseTitle}" forudsætter, gælder ikke længere (afgørelsen er ophævet eller hjemvist af klagenævnet).`,
            'Ansøgningen er taget ud af myndighedens indbakke og venter, til tilladelsen foreligger igen; derefter indsendes den på ny.',
          ],
          facts: baseFacts(c),
        },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Control characters (incl. CR/LF) would break a header line; collapse them to one space. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

function safeLink(link: string | undefined): string | undefined {
  if (!present(link)) return undefined;
  try {
    const url = new URL(link.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** True when `value` is one of {@link NOTIFICATION_KINDS} (for payloads read from the outbox). */
export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Renders one notification e-mail. Pure: no I/O, no clock, same input → same output.
 *
 * @param kind which event happened (one of {@link NOTIFICATION_KINDS}); throws on anything else
 * @param locale 'da' (default wording) or 'en'; legal terms stay in Danish in parentheses in 'en'
 * @param data case/permit facts; optional fields are simply left out when absent
 * @returns `subject` (single line, prefixed with the case reference), `text` and `html`; every
 *          data value in `html` is HTML-escaped and only absolute http(s) links are rendered
 */
export function renderNotification(kind: NotificationKind, locale: NotificationLocale, data: NotificationData): RenderedNotification {
  const template = isNotificationKind(kind) ? TEMPLATES[kind] : undefined;
  if (!template) throw new TypeError(`Unknown notification kind: ${String(kind)}`);
  const l: NotificationLocale = locale === 'en' ? 'en' : 'da';
  const c = makeCtx(l, data);
  const content = template(c);
  const facts = content.facts.filter((f): f is [string, string] => present(f[1]));
  const link = safeLink(data.link);

  const subject = oneLine(`${data.caseReference}: ${content.summary}`);

  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.quote ? [`${content.quote.label}:`, ...content.quote.text.split(/\r?\n/).map((q) => `> ${q}`), ''] : []),
    ...facts.map(([k, v]) => `${k}: ${oneLine(v)}`),
    ...(link ? ['', `${LABELS.link[l]}: ${link}`] : []),
    '',
    '-- ',
    LABELS.footer[l],
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${l}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    `<h1 style="font-size:22px;margin:0 0 16px">${e(content.heading)}</h1>`,
    ...content.paragraphs.map((p) => `<p style="margin:0 0 12px">${e(p)}</p>`),
    ...(content.quote
      ? [
          `<p style="margin:16px 0 4px;font-weight:bold">${e(content.quote.label)}</p>`,
          `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #0059b3;background:#f5f5f5">${e(content.quote.text).replace(/\r?\n/g, '<br>')}</blockquote>`,
        ]
      : []),
    ...(facts.length
      ? [
          '<table role="presentation" style="border-collapse:collapse;margin:16px 0">',
          ...facts.map(
            ([k, v]) => `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${e(k)}</th><td style="padding:4px 0">${e(v)}</td></tr>`,
          ),
          '</table>',
        ]
      : []),
    ...(link ? [`<p style="margin:16px 0"><a href="${e(link)}" style="color:#0059b3">${e(LABELS.link[l])}</a></p>`] : []),
    `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px"><p style="margin:0;font-size:13px;color:#555">${e(LABELS.footer[l])}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');

  return { subject, text, html };
}
