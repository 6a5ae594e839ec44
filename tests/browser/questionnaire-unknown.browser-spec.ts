/**
 * Issue 13 item 15 in the web app (Chromium, real API, PostgreSQL, Redis): every yes/no question
 * offers "don't know"; an explicit "don't know" shows the permit as possible with the question to
 * settle, and the case is saved as a draft that cannot be submitted until a coordinator accepts.
 * Selects and numbers offer "don't know" too (item 15 (b)), and the applicant settles the open
 * question later on the case's application page (the facts editor), after which it submits.
 */
import { createCase } from '../integration/support/http';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const TITLE = 'Lagerhal med uafklaret vandindvinding';

describe('questionnaire: yes / no / don\'t know (browser)', () => {
  const suite = useBrowserSuite();
  const { as, openAs, expectAxeClean, shot } = suite;

  test('"Ved ikke" on groundwater abstraction: possible permit with the question, case saved as draft, submit refused until accepted', async () => {
    const page = await as('anna@nordlys.example');
    await page.getByRole('link', { name: 'Ny sag' }).click();
    expect(await h1(page)).toBe('Ny sag');
    const question = (name: string) => page.getByRole('group', { name, exact: true });
    // Every yes/no question offers "Ved ikke".
    const yesNo = await page.locator('fieldset.rl-fieldset fieldset:has(input[value="yes"])').count();
    expect(yesNo).toBeGreaterThanOrEqual(15);
    expect(await page.locator('fieldset.rl-fieldset fieldset:has(input[value="unknown"])').count()).toBe(yesNo);
    await page.getByLabel('Kommune', { exact: true }).selectOption('219');
    await question('Nybyggeri eller tilbygning').getByLabel('Ja', { exact: true }).check();
    await question('Indvinding af grundvand').getByLabel('Ved ikke', { exact: true }).check();
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Se hvilke tilladelser der kræves' }).click();
    const possible = page.getByTestId('possible-permits');
    await possible.locator('[data-permit-code="VANDINDVINDING"]').waitFor();
    expect(await page.getByTestId('screening-result').locator('.rl-card[data-permit-code="VANDINDVINDING"]').count()).toBe(0); // not a required permit
    await expectAxeClean(page);
    await shot(page, 'screening-unknown');

    await page.getByRole('button', { name: 'Fortsæt til oprettelse' }).click();
    await page.getByTestId('open-questions').waitFor();
    await page.getByLabel('Sagens titel').fill(TITLE);
    await page.getByRole('button', { name: /Opret/ }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    const caseId = /cases\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const [row] = await suite.api.ds.query(`SELECT state, facts FROM cases WHERE id = $1`, [caseId]);
    expect(row.state).toBe('draft');
    expect(row.facts.unknownFacts).toEqual(['groundwaterAbstraction']);
    const refused = await suite.api.caseEvent(caseId, 'anna@nordlys.example', { type: 'case.submitted' });
    expect([refused.status, refused.body.code]).toEqual([422, 'CASE.UNSETTLED_FACTS']);
  });

  test('listed activity: choosing list item 4.5 asks no s-mark and no EIA annex; MST decides (derived); "another activity" asks them', async () => {
    const page = await as('anna@nordlys.example');
    await page.getByRole('link', { name: 'Ny sag' }).click();
    await page.getByLabel('Kommune', { exact: true }).selectOption('219');
    const listed = page.locator('#fact-listedActivity');
    await listed.selectOption('4.5');
    expect(await page.locator('input[name="listedActivitySMarked"]').count()).toBe(0);
    expect(await page.locator('#fact-eiaAnnex').count()).toBe(0);
    // MVL bilag 2 pkt. 6 b) is the item's usual EIA entry: the "significant effects" question shows.
    expect(await page.locator('input[name="eiaSignificantEffectsExpected"]').count()).toBe(3);
    await listed.selectOption('annex2');
    await page.locator('input[name="listedActivitySMarked"]').first().waitFor();
    expect(await page.locator('#fact-eiaAnnex').count()).toBe(1);
    await listed.selectOption('4.5');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Se hvilke tilladelser der kræves' }).click();
    const card = page.getByTestId('screening-result').locator('[data-permit-code="MILJOEGODKENDELSE"]');
    await card.waitFor();
    expect(await card.innerText()).toContain('Miljøstyrelsen');
  });

  test('"Ved ikke" on a select (Seveso tier) and a number (thermal input); settled later in the case\'s facts editor, then the case submits', async () => {
    const page = await as('anna@nordlys.example');
    await page.getByRole('link', { name: 'Ny sag' }).click();
    await page.getByLabel('Kommune', { exact: true }).selectOption('219');
    const question = (name: string) => page.getByRole('group', { name, exact: true });
    await question('Nybyggeri eller tilbygning').getByLabel('Ja', { exact: true }).check();
    await page.locator('#fact-sevesoTier').selectOption('unknown');
    await page.locator('#fact-combustionThermalInputMW-unknown').check();
    expect(await page.locator('#fact-combustionThermalInputMW').isDisabled()).toBe(true);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Se hvilke tilladelser der kræves' }).click();
    const possible = page.getByTestId('possible-permits');
    await possible.locator('[data-permit-code="SEVESO_RISK"]').waitFor();
    await possible.locator('[data-permit-code="CO2_PERMIT"]').waitFor();

    await page.getByRole('button', { name: 'Fortsæt til oprettelse' }).click();
    await page.getByLabel('Sagens titel').fill('Lager med uafklaret Seveso-status');
    await page.getByRole('button', { name: /Opret/ }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    const caseId = /cases\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    const [row] = await suite.api.ds.query(`SELECT facts FROM cases WHERE id = $1`, [caseId]);
    expect(row.facts.unknownFacts.sort()).toEqual(['combustionThermalInputMW', 'sevesoTier']);

    // The application page lists the open questions; the facts editor is open with "Ved ikke" kept.
    await page.goto(`${suite.url}/#/cases/${caseId}/application`);
    const open = page.getByTestId('open-questions');
    await open.locator('[data-permit-code="SEVESO_RISK"]').waitFor();
    expect(await page.locator('#fact-sevesoTier').inputValue()).toBe('unknown');
    expect(await page.locator('#fact-combustionThermalInputMW-unknown').isChecked()).toBe(true);
    await expectAxeClean(page);
    await shot(page, 'facts-settle-unknown');
    // Settle: not a Seveso site; 2 MW boilers (below the 20 MW of CO₂-kvoteloven).
    await page.locator('#fact-sevesoTier').selectOption('none');
    await page.locator('#fact-combustionThermalInputMW-unknown').uncheck();
    await page.locator('#fact-combustionThermalInputMW').fill('2');
    await page.getByRole('button', { name: 'Gem og screen igen' }).click();
    await page.getByText('Screeningsoplysningerne er gemt.').waitFor();
    expect(await page.getByTestId('open-questions').count()).toBe(0);
    const [after] = await suite.api.ds.query(`SELECT facts FROM cases WHERE id = $1`, [caseId]);
    expect([after.facts.unknownFacts, after.facts.combustionThermalInputMW]).toEqual([undefined, 2]);
    const submitted = await suite.api.caseEvent(caseId, 'anna@nordlys.example', { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
  });

  test('the case page lists the open questions; a coordinator accepts them with a reason (audited) and the case submits', async () => {
    const c = await createCase(suite.api, 'anna@nordlys.example', { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true, unknownFacts: ['natura2000Nearby'] }, 'Lager nær Natura 2000?');
    const page = await openAs('coordinator', `#/cases/${c.id}`);
    const open = page.getByTestId('case-open-questions');
    await open.locator('[data-permit-code="HABITAT_ASSESSMENT"]').waitFor(); // habitatbek. §6(2)
    await expectAxeClean(page);
    await page.getByLabel('Begrundelse for at acceptere de åbne spørgsmål').fill('Kommunen afklarer Natura 2000-afstanden ved første møde.');
    await page.getByRole('button', { name: 'Acceptér åbne spørgsmål' }).click();
    await page.getByText('De åbne spørgsmål er accepteret.').waitFor();
    const [audit] = await suite.api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE case_id = $1 AND event_type = 'case.unknownsAccepted'`, [c.id]);
    expect([audit.actor_role, audit.payload.unsettledFacts]).toEqual(['coordinator', ['natura2000Nearby']]);
    expect(await page.getByRole('button', { name: 'Acceptér åbne spørgsmål' }).count()).toBe(0);
    expect((await suite.api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
  });
});
