import { effectiveEmailMode, isLegallyRequired, LEGALLY_REQUIRED_KINDS, renderDigest } from './preferences';
import { NOTIFICATION_KINDS } from './templates';

describe('e-mail preferences', () => {
  it('keeps the stored mode, immediate by default, and forces legally required kinds to immediate', () => {
    expect(effectiveEmailMode('hearingEnded', null)).toBe('immediate');
    expect(effectiveEmailMode('hearingEnded', 'digest')).toBe('digest');
    expect(effectiveEmailMode('alertWarning', 'off')).toBe('off');
    for (const kind of LEGALLY_REQUIRED_KINDS) {
      expect(effectiveEmailMode(kind, 'off')).toBe('immediate');
      expect(isLegallyRequired(kind)).toBe(true);
    }
    expect(isLegallyRequired('caseCompleted')).toBe(false);
    // Partshøring over a draft decision runs to a date (forvaltningsloven § 19): never delayed or off.
    expect(effectiveEmailMode('decisionDraftSent', 'digest')).toBe('immediate');
  });

  it('names only kinds that exist', () => {
    for (const kind of LEGALLY_REQUIRED_KINDS) expect(NOTIFICATION_KINDS).toContain(kind);
  });
});

describe('renderDigest', () => {
  const items = [
    { subject: 'RL-2: second <b>', createdAt: new Date('2026-05-02T08:00:00Z') },
    { subject: 'RL-1: first', createdAt: new Date('2026-05-01T08:00:00Z') },
  ];

  it('lists the subjects oldest first in the chosen language', () => {
    const en = renderDigest('en', items);
    expect(en.subject).toBe('Rød Løber: 2 new notifications');
    expect(en.text.indexOf('RL-1: first')).toBeLessThan(en.text.indexOf('RL-2: second'));
    const da = renderDigest('da', items);
    expect(da.subject).toBe('Rød Løber: 2 nye meddelelser');
    expect(da.text).toContain('Dagens meddelelser');
  });

  it('counts the notifications it does not list, in the subject and in a line of text and HTML', () => {
    const da = renderDigest('da', items, 3);
    expect(da.subject).toBe('Rød Løber: 5 nye meddelelser');
    expect(da.text).toContain('… og 3 meddelelser mere, som ikke er vist her.');
    expect(da.html).toContain('<p>… og 3 meddelelser mere, som ikke er vist her.');
    expect(renderDigest('en', items, 1).text).toContain('… and 1 more notification not shown here.');
    expect(renderDigest('en', items).text).not.toContain('not shown here');
  });

  it('escapes subjects in the HTML part', () => {
    const { html } = renderDigest('da', items);
    expect(html).toContain('RL-2: second &lt;b&gt;');
    expect(html).not.toContain('<b>');
  });
});
