/**
 * Fuldmagter in the browser (issue 14 point 6), against the real API (in process, real PostgreSQL
 * + Redis, e-mail over SMTP to the test sink): the company invites the demo consultant to one
 * case, the consultant accepts from the e-mail's link and sees only that case, acting for the
 * company; the company revokes and the case is gone. axe on every page; screenshots
 * docs/screenshots/proxy-company.png and proxy-consultant.png.
 */
import { createCase, SIMPLE_FACTS } from '../integration/support/http';
import { MailCatcher } from '../integration/support/mail';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const CONSULTANT = 'carl@gronraad.example';

describe('fuldmagter (browser)', () => {
  const mail = new MailCatcher();
  // The sink first: the API sends its e-mail there.
  beforeAll(() => mail.start());
  const suite = useBrowserSuite({ apiEnv: () => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port) }) });
  afterAll(() => mail.stop());
  const { as, expectAxeClean, shot } = suite;
  let granted: any;
  let other: any;
  let foreign: any;

  /** The invitation reaches the sink while the API answers; the parse is asynchronous, so wait for it (bounded). */
  async function invitationToken(): Promise<string> {
    for (let i = 0; i < 100 && mail.to(CONSULTANT).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const m = /\/fuldmagt\/accept\/([A-Za-z0-9_-]+)/.exec(mail.to(CONSULTANT).at(-1)?.text ?? '');
    if (!m) throw new Error('no invitation e-mail to the consultant');
    return m[1];
  }

  beforeAll(async () => {
    granted = await createCase(suite.api, 'anna@nordlys.example', SIMPLE_FACTS, 'Tilbygning, Hillerød (rådgiver forbereder)');
    other = await createCase(suite.api, 'anna@nordlys.example', SIMPLE_FACTS, 'Nordlys intern sag');
    foreign = await createCase(suite.api, 'bo@bolge.example', SIMPLE_FACTS, 'Bølge sag');
  });

  test('the company invites a consultant to one case; the consultant accepts and sees only that case; revoking ends it', async () => {
    const anna = await as('anna@nordlys.example');
    await anna.getByRole('link', { name: 'Fuldmagter' }).click();
    expect(await h1(anna)).toBe('Fuldmagter');
    await expectAxeClean(anna);
    const form = anna.getByTestId('proxy-invite');
    await form.getByLabel('E-mailadresse').fill(CONSULTANT);
    await form.getByLabel('Rolle').selectOption('prepare');
    await form.getByLabel('Sager').selectOption(granted.id);
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await anna.getByText(`Invitationen er sendt til ${CONSULTANT}.`).waitFor();
    // This invitation's row (the demo seed may have given Carl an earlier grant at Nordlys too).
    const ourRow = (status = '') => anna.getByTestId('proxy-issued').locator(`tr[data-email="${CONSULTANT}"]${status}`).filter({ hasText: granted.title });
    const row = ourRow();
    expect(await row.getAttribute('data-status')).toBe('invited');
    expect(await row.innerText()).toContain(granted.title);
    await expectAxeClean(anna);

    const token = await invitationToken();
    const carl = await as(CONSULTANT);
    expect(await h1(carl)).toBe('Mine sager');
    expect(await carl.getByRole('link', { name: other.title }).count()).toBe(0); // nothing before accepting
    await carl.goto(`${suite.url}/#/fuldmagt/accept/${token}`);
    expect(await h1(carl)).toBe('Acceptér fuldmagt');
    await expectAxeClean(carl);
    await carl.getByRole('button', { name: 'Acceptér fuldmagten' }).click();
    await carl.getByText('Du kan nu handle for Nordlys Pharma A/S (Forberede).').waitFor();
    await expectAxeClean(carl);

    await carl.getByRole('link', { name: 'Gå til sagerne' }).click();
    expect(await h1(carl)).toBe(granted.title);
    expect(await carl.getByTestId('acting-for').innerText()).toContain('Du handler for Nordlys Pharma A/S med fuldmagt (Forberede)');
    // A fuldmagt to prepare does not file: no submit button (the API would refuse it with 403).
    expect(await carl.getByRole('button', { name: 'Indsend sag' }).count()).toBe(0);
    await expectAxeClean(carl);
    await shot(carl, 'proxy-consultant');

    await carl.goto(`${suite.url}/#/`);
    expect(await h1(carl)).toBe('Mine sager');
    await carl.getByRole('link', { name: granted.title }).waitFor();
    expect(await carl.getByRole('link', { name: other.title }).count()).toBe(0);
    expect(await carl.getByRole('link', { name: foreign.title }).count()).toBe(0);
    // Nordlys, and any company that gave Carl (the demo seed's consultant) a grant before this
    // file ran (the demo seed gives him one at Bølge) — no company without a grant.
    const earlier: { name: string }[] = await suite.api.ds.query(
      `SELECT DISTINCT o.name FROM proxy_grants g JOIN organisations o ON o.id = g.organisation_id JOIN users u ON u.id = g.grantee_user_id
        WHERE u.username = $1 AND g.accepted_at IS NOT NULL AND g.revoked_at IS NULL AND o.name <> 'Nordlys Pharma A/S'`,
      [CONSULTANT],
    );
    const companies = ['Nordlys Pharma A/S', ...earlier.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'da'));
    expect(await carl.getByTestId('company-switcher').getByRole('option').allInnerTexts()).toEqual(['Alle virksomheder', ...companies]);
    await expectAxeClean(carl);
    // The company's other case, opened by its address: not found, as if it did not exist.
    await carl.goto(`${suite.url}/#/cases/${other.id}`);
    await carl.getByText('CASE.NOT_FOUND').waitFor();

    await anna.reload();
    await ourRow('[data-status="active"]').waitFor();
    await shot(anna, 'proxy-company');
    anna.once('dialog', (d) => void d.accept());
    await ourRow().getByRole('button', { name: /Tilbagekald/ }).click();
    await ourRow('[data-status="revoked"]').waitFor();
    await expectAxeClean(anna);

    await carl.goto(`${suite.url}/#/cases/${granted.id}`);
    await carl.getByText('CASE.NOT_FOUND').waitFor();
  });
});
