import { escapeHtml, type NotificationKind, type NotificationLocale } from './templates';

/** How a user wants e-mail for one kind of notification. No stored choice = `immediate`. */
export const EMAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * Kinds whose e-mail a user cannot delay or turn off: they carry a time limit or a legal effect
 * for the recipient, so they always go out at once.
 * - infoRequested: the authority's request for information runs with a response date; without
 *   the answer the case can be decided on the basis at hand (forvaltningsloven § 19 partshøring
 *   and the authority's duty to investigate, officialprincippet) (inference: that the e-mail must
 *   not wait for a digest).
 * - hearingStarted: partshøring, the party has a deadline to comment (forvaltningsloven § 19).
 * - decisionIssued: the decision starts the appeal period (klagefrist, e.g. miljøbeskyttelsesloven
 *   § 93: 4 weeks from notice; forvaltningsloven § 25 klagevejledning).
 * - applicationReturned: the application is returned unprocessed; the applicant must act
 *   (inference).
 * - decisionDraftSent: partshøring over the draft decision (forvaltningsloven § 19): the company
 *   has until the stated date to answer, after which the decision is made on the draft.
 */
export const LEGALLY_REQUIRED_KINDS: readonly NotificationKind[] = ['infoRequested', 'infoBundleSent', 'hearingStarted', 'decisionIssued', 'applicationReturned', 'decisionDraftSent'];

export function isLegallyRequired(kind: string): boolean {
  return (LEGALLY_REQUIRED_KINDS as readonly string[]).includes(kind);
}

/** The mode that applies: a legally required kind is always `immediate`, whatever is stored. */
export function effectiveEmailMode(kind: string, stored: EmailMode | null | undefined): EmailMode {
  if (isLegallyRequired(kind)) return 'immediate';
  return stored ?? 'immediate';
}

/** The most notifications one digest e-mail lists; the rest of the day's are counted in it (`renderDigest`'s `more`). */
export const DIGEST_MAX_ITEMS = 500;

/** One line of a digest: a notification's subject and when it was created. */
export interface DigestItem {
  subject: string;
  createdAt: Date;
}

const DIGEST_TEXT = {
  subject: { da: (n: number) => `Rød Løber: ${n} nye meddelelser`, en: (n: number) => `Rød Løber: ${n} new notifications` },
  heading: { da: 'Dagens meddelelser', en: "Today's notifications" },
  intro: { da: 'Her er meddelelserne siden sidste oversigt. Se dem alle under Meddelelser i Rød Løber.', en: 'These are the notifications since the last digest. See them all under Notifications in Rød Løber.' },
  footer: { da: 'Du får denne oversigt, fordi du har valgt daglig oversigt. Du kan ændre det under Meddelelser.', en: 'You receive this digest because you chose a daily digest. You can change this under Notifications.' },
  more: {
    da: (n: number) => `… og ${n} meddelelse${n === 1 ? '' : 'r'} mere, som ikke er vist her. Se dem alle under Meddelelser i Rød Løber.`,
    en: (n: number) => `… and ${n} more notification${n === 1 ? '' : 's'} not shown here. See them all under Notifications in Rød Løber.`,
  },
} as const;

/**
 * Renders one user's daily digest e-mail (pure). Items are listed oldest first; `more` counts the
 * notifications of the same digest that are not listed (a digest lists at most DIGEST_MAX_ITEMS):
 * the subject counts them too, and a line says they are in the app.
 */
export function renderDigest(locale: NotificationLocale, items: readonly DigestItem[], more = 0): { subject: string; text: string; html: string } {
  const l: NotificationLocale = locale === 'en' ? 'en' : 'da';
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const subject = DIGEST_TEXT.subject[l](sorted.length + more);
  const moreLine = more > 0 ? DIGEST_TEXT.more[l](more) : null;
  const text = [DIGEST_TEXT.heading[l], '', DIGEST_TEXT.intro[l], '', ...sorted.map((i) => `- ${i.subject}`), ...(moreLine ? [moreLine] : []), '', '-- ', DIGEST_TEXT.footer[l], ''].join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${l}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif">`,
    `<h1 style="font-size:22px">${escapeHtml(DIGEST_TEXT.heading[l])}</h1>`,
    `<p>${escapeHtml(DIGEST_TEXT.intro[l])}</p>`,
    '<ul>',
    ...sorted.map((i) => `<li>${escapeHtml(i.subject)}</li>`),
    '</ul>',
    ...(moreLine ? [`<p>${escapeHtml(moreLine)}</p>`] : []),
    `<p style="color:#555">${escapeHtml(DIGEST_TEXT.footer[l])}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
