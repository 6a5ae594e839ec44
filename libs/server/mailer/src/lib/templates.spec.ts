import {
  escapeHtml,
  isNotificationKind,
  NOTIFICATION_KINDS,
  NOTIFICATION_LOCALES,
  renderNotification,
  type NotificationData,
  type NotificationKind,
  type NotificationLocale,
} from './templates';

const FULL: NotificationData = {
  caseReference: 'RL-2026-0042',
  caseTitle: 'Ny produktionslinje i Kalundborg',
  permitCode: 'MST-ENV',
  permitNameDa: 'Miljøgodkendelse',
  permitNameEn: 'Environmental permit',
  authorityNameDa: 'Kalundborg Kommune',
  authorityNameEn: 'Kalundborg Municipality',
  dueOn: '2026-12-07',
  question: 'Send venligst støjberegningen for natdrift.',
  outcome: 'grantedWithConditions',
  appealDeadlineOn: '2027-01-04',
  usableFrom: '2027-01-05',
  earliestEndAt: '2026-11-30T23:00:00Z',
  clock: 'target',
  percentUsed: 83,
  link: 'https://rodlober.example/cases/42',
};

const MINIMAL: NotificationData = { caseReference: 'RL-2026-0001', caseTitle: 'Udvidelse af fabrik' };

/** Kinds about one permit (the rest are about the whole case). */
const PERMIT_KINDS: NotificationKind[] = NOTIFICATION_KINDS.filter(
  (k) => !['caseSubmitted', 'caseCompleted', 'caseWithdrawn', 'infoBundleSent'].includes(k),
);

/** What each message must say, per language, rendered from FULL. */
const ESSENTIALS: Record<NotificationKind, Record<NotificationLocale, string[]>> = {
  taskRouted: {
    da: ['Ny opgave', 'indbakke', 'Kalundborg Kommune', '7. december 2026'],
    en: ['New task', 'inbox', 'Kalundborg Municipality', '7 December 2026'],
  },
  infoRequested: {
    da: ['oplysninger', FULL.question!, 'Svar senest den 7. december 2026', 'sat i bero'],
    en: ['information', FULL.question!, 'answer by 7 December 2026', 'processing clock is stopped', 'sat i bero'],
  },
  applicationReceipt: {
    da: ['fyldestgørende', 'Forventet afgørelse senest den 7. december 2026'],
    en: ['complete', 'Expected decision by 7 December 2026'],
  },
  infoProvided: {
    da: ['Ansøger', 'besvaret', 'løber igen'],
    en: ['applicant', 'answered', 'running again'],
  },
  hearingStarted: {
    da: ['høring', 'tidligst den 1. december 2026'],
    en: ['consultation (høring)', '1 December 2026 at the earliest'],
  },
  hearingEnded: {
    da: ['Høring', 'afsluttet'],
    en: ['consultation (høring)', 'ended'],
  },
  decisionIssued: {
    da: ['Afgørelse', 'Tilladelse givet med vilkår', 'Klagefrist', '4. januar 2027', '5. januar 2027'],
    en: ['Decision', 'Granted with conditions', 'appeal deadline (klagefrist)', '4 January 2027', '5 January 2027'],
  },
  permitFinal: {
    da: ['endelig', 'klagefristen er udløbet', '5. januar 2027'],
    en: ['final (endelig)', 'klagefrist', '5 January 2027'],
  },
  alertWarning: {
    da: ['Fristen nærmer sig', '83 %', 'målsatte sagsbehandlingstid', '7. december 2026'],
    en: ['Deadline approaching', '83%', 'target processing time', '7 December 2026'],
  },
  alertBreach: {
    da: ['overskredet', 'målsatte sagsbehandlingstid', '7. december 2026'],
    en: ['Target passed', 'målsat sagsbehandlingstid', '7 December 2026'],
  },
  escalation: {
    da: ['Eskalering', 'Kalundborg Kommune', 'overskredet', '7. december 2026'],
    en: ['Escalation', 'Kalundborg Municipality', 'passed its target', '7 December 2026'],
  },
  caseSubmitted: {
    da: ['Sagen er sendt', 'modtaget'],
    en: ['Case submitted', 'received'],
  },
  caseCompleted: {
    da: ['afsluttet'],
    en: ['completed'],
  },
  caseWithdrawn: {
    da: ['trukket tilbage'],
    en: ['withdrawn'],
  },
  applicationWithdrawn: {
    da: ['Ansøgning', 'trukket tilbage'],
    en: ['Application withdrawn', 'trukket tilbage'],
  },
  applicationReturned: {
    da: ['i bero', 'ophævet eller hjemvist', 'indbakke'],
    en: ['on hold', 'overturned or sent back on appeal', 'inbox'],
  },
  // FULL has no validityKind: a maximum-term wording (VFL §22) with the date.
  validityReminder: {
    da: ['udløber', 'højst til og med den 7. december 2026'],
    en: ['expires', 'until 7 December 2026 at the latest'],
  },
  decisionDraftSent: {
    da: ['Udkast til afgørelse', 'partshøring', 'senest den 7. december 2026'],
    en: ['Draft decision', 'partshøring', 'by 7 December 2026'],
  },
  decisionDraftAnswered: {
    da: ['Udkast til afgørelse', 'Afgørelsen kan nu træffes'],
    en: ['Draft decision', 'The decision can now be made'],
  },
  prerequisiteDecided: {
    da: ['Forudsætning afgjort', 'kan nu behandles'],
    en: ['Prerequisite decided', 'can now be processed'],
  },
  targetChanged: {
    da: ['Planlagt dato ændret', 'til 7. december 2026'],
    en: ['Planned date changed', 'to 7 December 2026'],
  },
  manualEscalation: {
    da: ['Eskaleret af Én indgang', 'Kalundborg Kommune'],
    en: ['Escalated by the one-stop-shop', 'Kalundborg Municipality'],
  },
  referralRequested: {
    da: ['Anmodning om udtalelse', 'Kalundborg Kommune beder'],
    en: ['Opinion requested', 'Kalundborg Municipality asks'],
  },
  referralAnswered: {
    da: ['Høring besvaret', 'har besvaret høringen'],
    en: ['Referral answered', 'has answered the referral'],
  },
  referralOverdue: {
    da: ['Intet svar inden fristen', 'I kan fortsætte uden svaret'],
    en: ['No answer by the deadline', 'You may proceed without the answer'],
  },
  authorityChanged: {
    da: ['Delegeret', 'Fristerne fortsætter uændret'],
    en: ['Delegated', 'The deadlines continue unchanged'],
  },
  infoBundleSent: {
    da: ['Én samlet anmodning', 'Svar senest den'],
    en: ['One information request', 'Please answer by'],
  },
};

const LEAKS = /undefined|null|NaN|\[object /;

describe('renderNotification', () => {
  it('knows exactly the documented kinds', () => {
    expect([...NOTIFICATION_KINDS].sort()).toEqual(Object.keys(ESSENTIALS).sort());
    expect(NOTIFICATION_KINDS).toHaveLength(27); // issue 17 referralRequested, referralAnswered, referralOverdue, authorityChanged, infoBundleSent; issue 14 applicationReceipt; issue 15 prerequisiteDecided, decisionDraftSent, decisionDraftAnswered; issue 16 targetChanged, manualEscalation
    expect(NOTIFICATION_LOCALES).toEqual(['da', 'en']);
    expect(isNotificationKind('decisionIssued')).toBe(true);
    expect(isNotificationKind('toString')).toBe(false);
    expect(isNotificationKind(undefined)).toBe(false);
  });

  describe.each(NOTIFICATION_KINDS.flatMap((k) => NOTIFICATION_LOCALES.map((l) => [k, l] as const)))('%s (%s)', (kind, locale) => {
    it('says the essentials in subject and text, and the HTML carries the same', () => {
      const r = renderNotification(kind, locale, FULL);
      expect(r.subject.startsWith(`${FULL.caseReference}: `)).toBe(true);
      expect(r.subject).not.toMatch(/[\r\n]/);
      expect(r.text).toContain(FULL.caseTitle);
      expect(r.text).toContain(FULL.caseReference);
      for (const s of ESSENTIALS[kind][locale]) expect(`${r.subject}\n${r.text}`.toLowerCase()).toContain(s.toLowerCase());
      if (PERMIT_KINDS.includes(kind)) {
        const name = locale === 'da' ? 'Miljøgodkendelse' : 'Environmental permit';
        expect(r.subject).toContain(name);
        expect(r.text).toContain(`${name} (MST-ENV)`);
      }
      expect(r.text).toContain('https://rodlober.example/cases/42');
      expect(r.html).toContain('href="https://rodlober.example/cases/42"');
      expect(r.html).toContain(`<html lang="${locale}">`);
      expect(r.html).toContain(escapeHtml(FULL.caseTitle));
    });

    it('leaks no undefined/null with minimal data', () => {
      for (const data of [MINIMAL, FULL]) {
        const r = renderNotification(kind, locale, data);
        expect(r.subject).not.toMatch(LEAKS);
        expect(r.text).not.toMatch(LEAKS);
        expect(r.html).not.toMatch(LEAKS);
      }
      const r = renderNotification(kind, locale, MINIMAL);
      expect(r.text).toContain(MINIMAL.caseTitle);
      expect(r.text).not.toContain('Rød Løber:  '); // no empty link line
      expect(r.html).not.toContain('<a ');
      expect(r.text).not.toMatch(/:\s*$/m); // no fact without a value
    });

    it('escapes every data value in the HTML', () => {
      const evil = '<script>alert("x")</script>&<img src=x onerror=alert(1)>\'';
      const data: NotificationData = {
        caseReference: evil,
        caseTitle: evil,
        permitCode: evil,
        permitNameDa: evil,
        permitNameEn: evil,
        authorityNameDa: evil,
        authorityNameEn: evil,
        dueOn: evil,
        question: evil,
        outcome: evil,
        appealDeadlineOn: evil,
        usableFrom: evil,
        earliestEndAt: evil,
        link: `https://rodlober.example/cases/1?q="><script>alert(1)</script>`,
      };
      const { html } = renderNotification(kind, locale, data);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;&#39;');
      // The only tags are the template's own.
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1].toLowerCase()));
      for (const t of tags) expect(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'h1', 'p', 'blockquote', 'br', 'table', 'tr', 'th', 'td', 'a', 'hr']).toContain(t);
    });
  });

  it('never renders a javascript: or relative link', () => {
    for (const link of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', '/cases/1', '  ']) {
      const r = renderNotification('taskRouted', 'da', { ...FULL, link });
      expect(r.html).not.toContain('<a ');
      expect(r.html.toLowerCase()).not.toContain('javascript:');
      expect(r.text.toLowerCase()).not.toContain('javascript:');
    }
  });

  it('keeps the subject on one line (no header injection through data)', () => {
    const r = renderNotification('caseSubmitted', 'da', { caseReference: 'RL-1\r\nBcc: victim@example.com', caseTitle: 'x' });
    expect(r.subject).toBe('RL-1 Bcc: victim@example.com: Sagen er sendt');
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps the line breaks of the question in text and HTML', () => {
    const r = renderNotification('infoRequested', 'da', { ...MINIMAL, question: 'Linje 1\nLinje <2>' });
    expect(r.text).toContain('> Linje 1\n> Linje <2>');
    expect(r.html).toContain('Linje 1<br>Linje &lt;2&gt;');
  });

  it('infoRequested without an answer-by date still says the clock is stopped', () => {
    const da = renderNotification('infoRequested', 'da', { ...MINIMAL, question: 'Hvor stor er tanken?' });
    expect(da.text).not.toContain('Svar senest');
    expect(da.text).toContain('sat i bero');
    expect(da.text).toContain('Hvor stor er tanken?');
    const en = renderNotification('infoRequested', 'en', MINIMAL);
    expect(en.text).not.toContain('answer by');
    expect(en.text).toContain('processing clock is stopped');
  });

  it('names each decision outcome; a refusal has no usable-from date', () => {
    const granted = renderNotification('decisionIssued', 'da', { ...FULL, outcome: 'granted' });
    expect(granted.subject).toBe('RL-2026-0042: Afgørelse: Miljøgodkendelse – Tilladelse givet');
    const refused = renderNotification('decisionIssued', 'da', { ...FULL, outcome: 'refused' });
    expect(refused.subject).toContain('Afslag');
    expect(refused.text).toContain('Klagefrist: 4. januar 2027');
    expect(refused.text).not.toContain('5. januar 2027');
    const refusedEn = renderNotification('decisionIssued', 'en', { ...FULL, outcome: 'refused' });
    expect(refusedEn.subject).toContain('Refused (afslag)');
    expect(refusedEn.text).not.toContain('Can be used from');
  });

  it('distinguishes a target breach from a statutory breach', () => {
    const target = renderNotification('alertBreach', 'da', { ...FULL, clock: 'target' });
    const statutory = renderNotification('alertBreach', 'da', { ...FULL, clock: 'statutory' });
    const statutoryEn = renderNotification('alertBreach', 'en', { ...FULL, clock: 'statutory' });
    expect(target.subject).toBe('RL-2026-0042: Frist overskredet: Miljøgodkendelse');
    expect(statutory.subject).toBe('RL-2026-0042: Lovbestemt frist overskredet: Miljøgodkendelse');
    expect(statutory.text).toContain('lovbestemte frist');
    expect(statutoryEn.text).toContain('statutory deadline (lovbestemt frist)');
    // No clock given = the target clock.
    expect(renderNotification('alertBreach', 'da', { ...FULL, clock: undefined }).subject).toBe(target.subject);
  });

  it('alertWarning without a percentage says "at least 80 %"', () => {
    expect(renderNotification('alertWarning', 'da', MINIMAL).text).toContain('Mindst 80 %');
    expect(renderNotification('alertWarning', 'en', MINIMAL).text).toContain('At least 80%');
    expect(renderNotification('alertWarning', 'da', { ...MINIMAL, percentUsed: 91.6 }).text).toContain('92 %');
  });

  it('falls back to the other language for names, then to the code, then to a generic word', () => {
    const onlyDa = { ...MINIMAL, permitNameDa: 'Byggetilladelse', authorityNameDa: 'Hillerød Kommune' };
    expect(renderNotification('taskRouted', 'en', onlyDa).subject).toBe('RL-2026-0001: New task: Byggetilladelse');
    expect(renderNotification('taskRouted', 'en', onlyDa).text).toContain('Hillerød Kommune');
    expect(renderNotification('taskRouted', 'da', { ...MINIMAL, permitCode: 'BR-BYG' }).subject).toBe('RL-2026-0001: Ny opgave: BR-BYG');
    expect(renderNotification('taskRouted', 'da', MINIMAL).subject).toBe('RL-2026-0001: Ny opgave: tilladelsen');
    expect(renderNotification('escalation', 'en', MINIMAL).text).toContain('The permit in the case');
  });

  it('writes Danish by default for an unexpected locale and rejects an unknown kind', () => {
    const r = renderNotification('caseCompleted', 'fr' as NotificationLocale, MINIMAL);
    expect(r.subject).toBe('RL-2026-0001: Sagen er afsluttet');
    expect(() => renderNotification('nope' as NotificationKind, 'da', MINIMAL)).toThrow(/Unknown notification kind: nope/);
  });

  it('is pure: the same input gives the same output', () => {
    expect(renderNotification('decisionIssued', 'en', FULL)).toEqual(renderNotification('decisionIssued', 'en', { ...FULL }));
  });
});

describe('validityReminder (issue 13 item 4)', () => {
  it('MVL §39: says the decision lapses unless the project starts by the date, with the legal basis', () => {
    const data: NotificationData = { ...MINIMAL, permitNameDa: 'VVM-screening', permitNameEn: 'EIA screening', dueOn: '2029-03-02', validityKind: 'lapsesIfUnused', validitySource: 'MVL §39' };
    const da = renderNotification('validityReminder', 'da', data);
    expect(da.text).toContain('bortfalder, hvis projektet ikke er påbegyndt senest den 2. marts 2029');
    expect(da.text).toContain('MVL §39');
    const en = renderNotification('validityReminder', 'en', data);
    expect(en.subject).toContain('lapses');
    expect(en.text).toContain('by 2 March 2029');
  });
});
