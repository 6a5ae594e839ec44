import { formatLongDate, type NotificationLocale } from './dates';
import { escapeHtml, type RenderedNotification } from './templates';

/** What a fuldmagt invitation says (issue 14 point 6). */
export interface ProxyInvitationData {
  organisationName: string;
  inviterName: string;
  /** read | prepare | submit */
  role: string;
  /** The one case the grant covers; absent: all cases of the company. */
  caseTitle?: string;
  validFrom: string;
  validUntil: string;
  /** Absolute http(s) link carrying the one-time token. */
  acceptLink: string;
}

const ROLE: Record<NotificationLocale, Record<string, string>> = {
  da: { read: 'læse', prepare: 'forberede (redigere og uploade)', submit: 'indsende på virksomhedens vegne' },
  en: { read: 'read', prepare: 'prepare (edit and upload)', submit: 'submit on the company’s behalf' },
};

const oneLine = (v: string): string => v.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/** Renders the invitation e-mail. Pure; every value is escaped in the HTML part. */
export function renderProxyInvitation(l: NotificationLocale, d: ProxyInvitationData): RenderedNotification {
  const role = ROLE[l][d.role] ?? d.role;
  const scope = d.caseTitle ? (l === 'da' ? `sagen "${d.caseTitle}"` : `the case "${d.caseTitle}"`) : l === 'da' ? 'alle virksomhedens sager' : "all the company's cases";
  const from = formatLongDate(d.validFrom, l);
  const until = formatLongDate(d.validUntil, l);
  const link = /^https?:\/\//.test(d.acceptLink) ? d.acceptLink : '';
  const subject = oneLine(l === 'da' ? `Fuldmagt fra ${d.organisationName}` : `Power of attorney from ${d.organisationName}`);
  const lines =
    l === 'da'
      ? [
          `${d.inviterName} fra ${d.organisationName} giver dig fuldmagt til at ${role} i ${scope} i Rød Løber.`,
          `Fuldmagten gælder fra ${from} til ${until} og kan tilbagekaldes når som helst.`,
          `Log ind og acceptér fuldmagten her: ${link}`,
        ]
      : [
          `${d.inviterName} of ${d.organisationName} gives you power of attorney (fuldmagt) to ${role} in ${scope} in Rød Løber.`,
          `It is valid from ${from} until ${until} and can be revoked at any time.`,
          `Log in and accept it here: ${link}`,
        ];
  const text = lines.join('\n\n');
  const html = `<p>${escapeHtml(lines[0])}</p><p>${escapeHtml(lines[1])}</p><p><a href="${escapeHtml(link)}">${escapeHtml(l === 'da' ? 'Acceptér fuldmagten' : 'Accept the power of attorney')}</a></p>`;
  return { subject, text, html };
}
