/**
 * End-to-end through the web app (apps/web) in Chromium against the real API (in process, real
 * PostgreSQL + Redis): applicant wizard → caseworker inbox and permit actions → applicant answer
 * with an upload → decision → coordinator dashboard and Gantt. Every main page is checked with
 * axe (no serious/critical violations) and screenshotted to docs/screenshots/<role>.png.
 */
import { useBrowserSuite } from './support/suite';
import { h1, tinyPdf } from './support/web';

const TITLE = 'Tilbygning til lagerhal, Hillerød erhvervspark';
const QUESTION = 'Indsend facadetegninger og brandteknisk dokumentation.';

describe('web app (browser)', () => {
  const suite = useBrowserSuite();
  const { as, expectAxeClean, shot } = suite;
  let caseUrl = '';
  let permitUrl = '';
  let caseReference = '';

  test('applicant screens the project in the wizard, creates and submits the case', async () => {
    const page = await as('anna@nordlys.example');
    expect(await h1(page)).toBe('Mine sager');
    await expectAxeClean(page);

    await page.getByRole('link', { name: 'Ny sag' }).click();
    expect(await h1(page)).toBe('Ny sag');
    await page.getByLabel('Kommune', { exact: true }).selectOption('219');
    await page.getByLabel('Byzone').check();
    // Yes / no / don't know for every question (issue 13 item 15).
    const question = (name: string) => page.getByRole('group', { name, exact: true });
    await question('Grunden ligger i en udpeget erhvervspark').getByLabel('Ja', { exact: true }).check();
    expect(await question('Projektet er i overensstemmelse med kommuneplanens rammer').getByLabel('Ja', { exact: true }).isChecked()).toBe(true);
    await question('Nybyggeri eller tilbygning').getByLabel('Ja', { exact: true }).check();
    await page.getByText('1 tilladelse(r): Byggetilladelse').waitFor();
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Se hvilke tilladelser der kræves' }).click();
    await page.getByRole('heading', { name: 'Trin 2 af 3: Resultat af screening' }).waitFor();
    const result = page.getByTestId('screening-result');
    await result.getByText('Dit projekt kræver 1 tilladelse(r).').waitFor();
    const card = result.locator('[data-permit-code="BUILDING_PERMIT"]');
    expect(await card.getByRole('heading', { level: 3 }).innerText()).toBe('Byggetilladelse');
    const cardText = await card.innerText();
    expect(cardText).toContain('Hillerød Kommune');
    expect(cardText).toContain('Nyt byggeri eller tilbygning.');
    expect(await result.innerText()).toContain('12 måneder');
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Fortsæt til oprettelse' }).click();
    await page.getByLabel('Sagens titel').fill(TITLE);
    await page.getByLabel('Beskrivelse (valgfri)').fill('Tilbygning på 1.200 m² til lager.');
    await page.getByRole('button', { name: 'Opret og indsend sag' }).click();

    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(TITLE);
    caseUrl = page.url();
    const summary = await page.getByTestId('case-summary').innerText();
    caseReference = /RL-\d{4}-\d{6}/.exec(summary)?.[0] ?? '';
    expect(caseReference).not.toBe('');
    expect(summary).toContain('Under behandling');
    const row = page.getByTestId('permits-table').locator('[data-permit-code="BUILDING_PERMIT"]');
    expect(await row.innerText()).toContain('Kontrol af fuldstændighed');
    expect(await row.innerText()).toContain('Hillerød Kommune');
    await expectAxeClean(page);

    // English switch translates the page, Danish comes back.
    await page.getByRole('button', { name: 'Change language to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Permits' }).waitFor();
    expect(await row.innerText()).toContain('Completeness check');
    await page.getByRole('button', { name: 'Skift sprog til dansk' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tilladelser' }).waitFor();
  });

  test('caseworker claims the task, confirms completeness and requests information', async () => {
    const page = await as('cw.hillerod');
    expect(await h1(page)).toBe('Indbakke');
    const row = page.getByTestId('inbox').locator(`[data-case-reference="${caseReference}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Kontroller fuldstændighed');
    await expectAxeClean(page);
    await shot(page, 'caseworker');

    await row.getByRole('button', { name: /Tag opgaven/ }).click();
    await page.getByText(`Du har taget opgaven i sag ${caseReference}.`).waitFor();
    await row.getByText('Dig', { exact: true }).waitFor();

    await row.getByRole('link', { name: /Byggetilladelse/ }).click();
    expect(await h1(page)).toBe('Byggetilladelse');
    permitUrl = page.url();
    const actions = page.getByTestId('permit-actions');
    // Only the allowed events are offered: no decision before the application is complete.
    expect(await actions.getByRole('button', { name: 'Træf afgørelse' }).count()).toBe(0);
    await expectAxeClean(page);

    await actions.getByRole('button', { name: 'Bekræft at ansøgningen er fuldstændig' }).click();
    await page.getByText('Ansøgningen er registreret som fuldstændig. Sagsbehandlingsfristen løber nu.').waitFor();

    const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    // Issue 19: only the next step's form is open; the information request is one click away.
    await actions.getByText('Andet: Anmod om oplysninger').click();
    await actions.getByLabel('Spørgsmål til ansøger').fill(QUESTION);
    await actions.getByLabel('Svarfrist').fill(due);
    await actions.getByRole('button', { name: 'Send anmodning' }).click();
    await page.getByText('Anmodningen er sendt til virksomheden. Fristen står stille, til de svarer.').waitFor();
    expect(await page.getByTestId('info-requests').innerText()).toContain(QUESTION);
    // While the applicant is asked, the caseworker cannot decide.
    expect(await actions.getByRole('button', { name: 'Træf afgørelse' }).count()).toBe(0);
    await expectAxeClean(page);
  });

  test('applicant sees what is awaited and answers with an uploaded PDF', async () => {
    const page = await as('anna@nordlys.example');
    await page.goto(caseUrl);
    expect(await h1(page)).toBe(TITLE);
    const awaiting = page.getByTestId('awaiting-applicant');
    await awaiting.getByText(QUESTION).waitFor();
    expect(await awaiting.innerText()).toContain('fristen er stoppet, indtil du svarer');
    const row = page.getByTestId('permits-table').locator('[data-permit-code="BUILDING_PERMIT"]');
    expect(await row.innerText()).toContain('Fristen er stoppet, mens vi venter på dig');
    await expectAxeClean(page);
    await shot(page, 'applicant');

    await awaiting.getByLabel('Dit svar').fill('Tegninger og brandstrategi er vedhæftet.');
    await awaiting.getByLabel('Vedhæft dokumenter').setInputFiles({ name: 'facadetegninger.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await awaiting.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Dit svar er sendt (1 dokument(er) vedhæftet). Fristen løber igen.').waitFor();
    await page.getByText('Myndighederne venter ikke på noget fra dig lige nu.').waitFor();
    await page.getByTestId('documents').getByText('facadetegninger.pdf', { exact: true }).waitFor();
    await row.getByText('Under behandling').waitFor();
    await expectAxeClean(page);
  });

  test('caseworker issues the decision (granted)', async () => {
    const page = await as('cw.hillerod');
    await page.goto(permitUrl);
    expect(await h1(page)).toBe('Byggetilladelse');
    const actions = page.getByTestId('permit-actions');
    await actions.getByLabel('Tilladelse givet', { exact: true }).check();
    await actions.getByLabel('Begrundelse').fill('Projektet overholder lokalplanen og BR18.');
    await actions.getByRole('button', { name: 'Træf afgørelse' }).click();
    // Issue 15: a decision is confirmed before it is issued (it becomes an immutable letter).
    await actions.getByRole('button', { name: 'Bekræft og udsted' }).click();
    await page.getByText('Afgørelsen er udstedt og sendt til virksomheden.').waitFor();
    expect(await page.getByTestId('decision').innerText()).toContain('Tilladelse givet');
    expect(await page.getByTestId('permit-state').innerText()).toContain('Afgjort – klagefrist løber');
    await expectAxeClean(page);
  });

  test('coordinator sees the case on the dashboard and opens its Gantt plan', async () => {
    const page = await as('coordinator');
    expect(await h1(page)).toBe('Overblik');
    await page.getByTestId('kpis').waitFor();
    expect(await page.getByTestId('kpis').innerText()).toContain('Aktive sager');
    await expectAxeClean(page);
    await shot(page, 'coordinator');

    // The dashboard's case table lists the cases to watch (breached, at risk, nearest their
    // ceiling: issue 16), and this case has no ceiling; with other test files' cases about it
    // need not be there. The coordinator finds it through the search over all cases.
    await page.getByRole('link', { name: /Søg i alle sager/ }).click();
    await page.getByTestId('case-search').fill(caseReference);
    const row = page.getByTestId('case-search-results').locator(`[data-case-reference="${caseReference}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: TITLE }).click();
    expect(await h1(page)).toBe(TITLE);
    const plan = page.getByTestId('plan-section');
    await plan.getByTestId('gantt').waitFor();
    expect(await plan.locator('[data-code="BUILDING_PERMIT"]').getAttribute('data-critical')).toBe('true');
    // A building-only project is not a produktionsvirksomhed (L 206 §2): no ceiling, and the case
    // says so instead of drawing one (issue 13 item 16).
    expect(await page.getByTestId('no-l206-ceiling').innerText()).toContain('L 206 §2');
    expect(await plan.getByTestId('gantt-ceiling').count()).toBe(0);
    const table = await plan.getByTestId('plan-table').innerText();
    expect(table).toContain('Byggetilladelse');
    expect(table).toContain('Hillerød Kommune');
    const timeline = await page.getByTestId('audit-timeline').innerText();
    expect(timeline).toContain('Afgørelse truffet');
    expect(timeline).toContain('Oplysninger indsendt');
    await expectAxeClean(page);
    await shot(page, 'coordinator-gantt');
  });

  test('admin links an external identity to a user, deactivates and reactivates them (audited)', async () => {
    const page = await as('admin');
    expect(await h1(page)).toBe('Brugere');
    const row = page.getByTestId('admin-users').locator('[data-username="bo@bolge.example"]');
    await row.waitFor();
    expect(await page.getByTestId('admin-users').innerText()).not.toContain(TITLE); // no case data for admins
    await expectAxeClean(page);
    await shot(page, 'admin');

    await row.getByRole('link').click();
    await page.getByTestId('no-identities').waitFor();
    await page.getByLabel('Subject (sub)').fill('nemlogin-bo-0001');
    await page.getByLabel('Udsteder (iss)').fill('https://login.example.dk/realms/rod-lober');
    await page.getByRole('button', { name: 'Tilknyt', exact: true }).click();
    await page.getByTestId('identities').locator('[data-subject="nemlogin-bo-0001"]').waitFor();

    await page.getByLabel('Begrundelse (valgfri, gemmes i loggen)').fill('Fratrådt');
    await page.getByRole('button', { name: 'Deaktiver bruger' }).click();
    await page.getByTestId('admin-user-summary').locator('[data-status="deactivated"]').waitFor();
    const log = page.getByTestId('directory-audit');
    await log.locator('[data-action="user.deactivated"]').waitFor();
    expect(await log.innerText()).toContain('Fratrådt');
    expect(await log.locator('[data-action="identity.linked"]').innerText()).toContain('admin');
    const login = await suite.api.call('POST', '/auth/dev-login', { body: { username: 'bo@bolge.example' } });
    expect([login.status, login.body.code]).toEqual([403, 'AUTH.USER_DEACTIVATED']);
    await expectAxeClean(page);
    await shot(page, 'admin-user');

    await page.getByRole('button', { name: 'Genaktiver bruger' }).click();
    await page.getByTestId('admin-user-summary').locator('[data-status="active"]').waitFor();
    expect((await suite.api.call('POST', '/auth/dev-login', { body: { username: 'bo@bolge.example' } })).status).toBe(200);
  });
});
