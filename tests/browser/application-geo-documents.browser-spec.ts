/**
 * Issue 14 in Chromium against the real API (in process, real PostgreSQL + Redis), two pieces the
 * first browser test does not cover: the site's coordinates/outline (a point as latitude and
 * longitude, an outline as GeoJSON — checked as typed with the server's own check, swapped
 * coordinates named) shown to the caseworker in words and as a sketch; and a new version of a
 * document uploaded from the case page's document list, with the version history and a download
 * of each version. axe on each page, 390 px without sideways scroll; screenshots in docs/screenshots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMPLE_FACTS, SMALL_PDF } from '../integration/support/http';
import { checkNarrow, SHOTS } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1, tinyPdf } from './support/web';

const ANNA = 'anna@nordlys.example';
/** The outline of a site in Hillerød (anticlockwise, closed). */
const OUTLINE = {
  type: 'Polygon',
  coordinates: [
    [
      [12.3, 55.928],
      [12.3032, 55.928],
      [12.3032, 55.9296],
      [12.3, 55.9296],
      [12.3, 55.928],
    ],
  ],
};

describe('site geometry and document versions in the web app (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, expectAxeClean } = suite;
  let caseId = '';
  let buildingId = '';
  let firstId = '';
  const version2 = Buffer.concat([SMALL_PDF, Buffer.from('% situationsplan v2\n', 'latin1')]);

  beforeAll(async () => {
    const created = await suite.api.post('/cases', { title: `Lagerhal med omrids, Hillerød ${Date.now().toString(36)}`, facts: SIMPLE_FACTS }, ANNA);
    expect(created.status).toBe(201);
    caseId = created.body.id;
    buildingId = created.body.permits[0].id;
    const first = await suite.api.upload(ANNA, caseId, { permitId: buildingId, requirementKey: 'sitePlan' }, { data: tinyPdf(), name: 'situationsplan.pdf', type: 'application/pdf' });
    expect(first.status).toBe(201);
    firstId = first.body.id;
  });

  test('the applicant gives the site as a point, is told when longitude and latitude are swapped, then as an outline; saved as GeoJSON', async () => {
    const page = await openAs(ANNA, `#/cases/${caseId}/application`);
    const geo = page.getByTestId('geo-field');
    await geo.waitFor();
    await geo.getByLabel('Et punkt (bredde- og længdegrad)').check();
    // Swapped: 12,30 as latitude and 55,928 as longitude lies outside Denmark — the server's own message.
    await geo.getByLabel('Breddegrad (°N, WGS84)').fill('12,30');
    await geo.getByLabel('Længdegrad (°Ø, WGS84)').fill('55,928');
    await geo.getByText('er længde- og breddegrad byttet om?').waitFor();
    await expectAxeClean(page);
    await geo.getByLabel('Breddegrad (°N, WGS84)').fill('55,928');
    await geo.getByLabel('Længdegrad (°Ø, WGS84)').fill('12,30');
    await geo.getByTestId('geo-valid').getByText('Punkt: 55,928° N, 12,3° Ø').waitFor();
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText(/Kladden er gemt \(version \d+\)\./).waitFor();
    expect((await suite.api.get(`/cases/${caseId}/application`, ANNA)).body.shared.site.geometry).toEqual({ type: 'Point', coordinates: [12.3, 55.928] });

    // The outline: an open ring is refused at the field (RFC 7946), a closed one is drawn as a sketch.
    await geo.getByLabel('Omrids som GeoJSON (Polygon)').check();
    const text = geo.getByLabel('GeoJSON (Polygon eller MultiPolygon)');
    await text.fill(JSON.stringify({ type: 'Polygon', coordinates: [OUTLINE.coordinates[0].slice(0, 4)] }));
    await geo.getByText('En polygons ring skal slutte i sit første punkt (første og sidste position ens).').waitFor();
    await text.fill(JSON.stringify(OUTLINE));
    await geo.getByTestId('geo-summary').getByText(/Polygon med 4 hjørner/).waitFor();
    expect(await geo.locator('svg.rl-geo-sketch').count()).toBe(1);
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText(/Kladden er gemt \(version \d+\)\./).waitFor();
    expect((await suite.api.get(`/cases/${caseId}/application`, ANNA)).body.shared.site.geometry).toEqual(OUTLINE);
    await expectAxeClean(page);
    await geo.scrollIntoViewIfNeeded();
    await geo.screenshot({ path: join(SHOTS, 'application-geometry.png') });
    expect(await checkNarrow(page, 'application geometry', () => geo.waitFor())).toEqual({ overflow390: 0, overflow640: 0, serious: [] });

    // The server refuses what the form would have refused, at the geometry's pointer.
    const app = await suite.api.get(`/cases/${caseId}/application`, ANNA);
    const bad = await suite.api.call('PUT', `/cases/${caseId}/application`, {
      as: ANNA,
      body: { shared: { ...app.body.shared, site: { ...app.body.shared.site, geometry: { type: 'Point', coordinates: [55.928, 12.3] } } }, sections: app.body.sections },
      headers: { 'if-match': `"${app.body.version}"` },
    });
    expect([bad.status, bad.body.code, bad.body.errors.map((e: { pointer: string }) => e.pointer)]).toEqual([422, 'APPLICATION.INVALID', ['/shared/site/geometry']]);
  });

  test('the applicant uploads a new version of a document from the document list; both versions stay downloadable', async () => {
    const page = await openAs(ANNA, `#/cases/${caseId}`);
    const docs = page.getByTestId('documents');
    const item = docs.locator(`[data-document="${firstId}"]`);
    await item.getByText('Upload en ny version af situationsplan.pdf').click();
    await item.getByLabel('Vælg fil til version 2 af situationsplan.pdf').setInputFiles({ name: 'situationsplan-v2.pdf', mimeType: 'application/pdf', buffer: version2 });
    await item.getByRole('button', { name: 'Upload ny version' }).click();
    await page.getByText('situationsplan-v2.pdf er uploadet som version 2.').waitFor();

    const current = docs.locator('li[data-document]', { hasText: 'situationsplan-v2.pdf' });
    await current.getByText('Version 2').first().waitFor();
    const history = current.getByRole('list', { name: 'Tidligere versioner af situationsplan-v2.pdf' });
    await history.getByText('situationsplan.pdf').waitFor();
    const [old] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Hent situationsplan.pdf (version 1)' }).click()]);
    expect(readFileSync(await old.path()).equals(tinyPdf())).toBe(true);
    const [latest] = await Promise.all([page.waitForEvent('download'), current.getByRole('button', { name: 'Hent situationsplan-v2.pdf (version 2)' }).first().click()]);
    expect(readFileSync(await latest.path()).equals(version2)).toBe(true);
    await expectAxeClean(page);
    await page.getByTestId('documents').screenshot({ path: join(SHOTS, 'documents-versions.png') });
    expect(await checkNarrow(page, 'document versions', () => docs.waitFor())).toEqual({ overflow390: 0, overflow640: 0, serious: [] });

    // The API's record: two immutable versions, the first superseded.
    const versions = await suite.api.get(`/documents/${firstId}/versions`, ANNA);
    expect(versions.body.items.map((v: { version: number; filename: string }) => [v.version, v.filename])).toEqual([
      [2, 'situationsplan-v2.pdf'],
      [1, 'situationsplan.pdf'],
    ]);
  });

  test('the caseworker reads the site’s outline on the permit page and downloads both versions, with no upload form', async () => {
    expect((await suite.api.caseEvent(caseId, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const page = await openAs('cw.hillerod', `#/permits/${buildingId}`);
    expect(await h1(page)).toBe('Byggetilladelse');
    const shared = page.getByTestId('application-shared');
    await shared.getByTestId('geo-summary').getByText(/Polygon med 4 hjørner; midtpunkt ca\. 55,9288° N, 12,3016° Ø/).waitFor();
    expect(await shared.locator('svg.rl-geo-sketch').count()).toBe(1);
    await expectAxeClean(page);
    await shared.screenshot({ path: join(SHOTS, 'application-geometry-caseworker.png') });

    await page.goto(`${suite.url}/#/cases/${caseId}`);
    const docs = page.getByTestId('documents');
    const current = docs.locator('li[data-document]', { hasText: 'situationsplan-v2.pdf' });
    await current.waitFor();
    expect(await docs.getByText(/Upload en ny version/).count()).toBe(0);
    const [old] = await Promise.all([page.waitForEvent('download'), current.getByRole('button', { name: 'Hent situationsplan.pdf (version 1)' }).click()]);
    expect(readFileSync(await old.path()).equals(tinyPdf())).toBe(true);
    await expectAxeClean(page);
  });

  test('a consultant holding only a `read` fuldmagt sees the versions and downloads, but no upload form', async () => {
    const bo = await suite.api.post('/cases', { title: `Bølge lager (læseadgang) ${Date.now().toString(36)}`, facts: SIMPLE_FACTS }, 'bo@bolge.example');
    const doc = await suite.api.upload('bo@bolge.example', bo.body.id, {}, { data: tinyPdf(), name: 'projektnotat.pdf', type: 'application/pdf' });
    expect(doc.status).toBe(201);
    // An accepted one-case `read` grant from Bølge to the demo consultant (the invitation round trip is proxy.browser-spec's).
    await suite.api.ds.query(
      `INSERT INTO proxy_grants (organisation_id, case_id, invitee_email, grantee_user_id, role, valid_from, valid_until, token_sha256, invited_by, accepted_at)
       SELECT c.organisation_id, c.id, 'carl@gronraad.example', (SELECT id FROM users WHERE username = 'carl@gronraad.example'), 'read',
              now() - interval '1 day', now() + interval '30 days', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), (SELECT id FROM users WHERE username = 'bo@bolge.example'), now()
         FROM cases c WHERE c.id = $1`,
      [bo.body.id],
    );
    const page = await openAs('carl@gronraad.example', `#/cases/${bo.body.id}`);
    await page.getByTestId('acting-for').waitFor();
    const item = page.getByTestId('documents').locator(`[data-document="${doc.body.id}"]`);
    await item.getByRole('button', { name: 'Hent projektnotat.pdf (version 1)' }).waitFor();
    expect(await item.getByText(/Upload en ny version/).count()).toBe(0);
    await expectAxeClean(page);
  });
});
