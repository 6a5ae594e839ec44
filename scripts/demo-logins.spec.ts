/**
 * Issue 13 item 20: every authority the catalogue and its routing rules can name has a demo
 * caseworker, so every permit of a demo case can be driven to its end; the README's table and
 * `npm start`'s printed logins list exactly the seeded users.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCatalog, REGIONS } from '@rl/permits-catalog';
import { ROUTING_RULES } from '@rl/permits-screening';
import { DEMO_USERS, demoLoginLines, regionAuthorityCode } from '../seeds/demo-directory';

const ROOT = join(__dirname, '..');
const OTHER_CODES = { museum: 'MUSEUM', gridOperator: 'GRID_OPERATOR' } as const;

/** Authority codes a permit can be routed to, outside the municipalities (two demo ones). */
function routableAuthorityCodes(): Set<string> {
  const codes = new Set<string>();
  for (const p of getCatalog().permitTypes) {
    if (p.authority.kind === 'stateAgency' && p.authority.agency) codes.add(p.authority.agency);
    if (p.authority.kind === 'museum' || p.authority.kind === 'gridOperator') codes.add(OTHER_CODES[p.authority.kind]);
  }
  for (const r of ROUTING_RULES) {
    if (r.target.kind === 'stateAgency') codes.add(r.target.agency);
    // JFL §8(3): the Region of the site is consulted — any of the five.
    if (r.target.kind === 'region') for (const g of REGIONS) codes.add(regionAuthorityCode(g.code));
  }
  return codes;
}

describe('demo directory (issue 13 item 20)', () => {
  const caseworkerCodes = new Set(DEMO_USERS.filter((u) => u.role === 'caseworker').map((u) => u.authorityCode));

  it('has a caseworker for every state agency, museum, grid company and region the catalogue or routing names', () => {
    const codes = routableAuthorityCodes();
    // The ones the issue names must be among them (a catalogue that lost them would pass vacuously).
    for (const c of ['MST', 'DKMA', 'AT', 'ENS', 'VD', 'KDI', 'MUSEUM', 'GRID_OPERATOR', 'REGION-1084', 'REGION-1085']) expect(codes).toContain(c);
    expect([...codes].filter((c) => !caseworkerCodes.has(c))).toEqual([]);
  });

  it('has caseworkers for the municipalities of the demo cases (Kalundborg 326, Hillerød 219)', () => {
    expect(caseworkerCodes).toContain('KOMMUNE-326');
    expect(caseworkerCodes).toContain('KOMMUNE-219');
  });

  it('keeps the product.md users unchanged (outside tests log in as them)', () => {
    expect(DEMO_USERS.slice(0, 6).map((u) => [u.username, u.authorityCode ?? u.organisationCvr])).toEqual([
      ['anna@nordlys.example', '10000001'],
      ['bo@bolge.example', '10000002'],
      ['cw.kalundborg', 'KOMMUNE-326'],
      ['cw.hillerod', 'KOMMUNE-219'],
      ['cw.mst', 'MST'],
      ['cw.dkma', 'DKMA'],
    ]);
    expect(DEMO_USERS.map((u) => u.username)).toEqual(expect.arrayContaining(['coordinator', 'admin']));
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
  });

  it("lists every seeded user in the README's demo logins table, and no other", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Demo logins'), readme.indexOf('## Architecture'));
    const listed = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
  });

  it("offers every seeded user on the web app's dev login page", () => {
    const web = readFileSync(join(ROOT, 'apps', 'web', 'src', 'users.ts'), 'utf8');
    expect(DEMO_USERS.filter((u) => !web.includes(`username: '${u.username}'`)).map((u) => u.username)).toEqual([]);
  });

  it("prints one login line per seeded user for `npm start` (run.js prints db.ts logins)", () => {
    const lines = demoLoginLines();
    expect(lines).toHaveLength(DEMO_USERS.length);
    DEMO_USERS.forEach((u, i) => expect(lines[i].startsWith(`${u.username} `)).toBe(true));
    expect(lines.find((l) => l.startsWith('cw.kdi '))).toContain('Kystdirektoratet');
    expect(readFileSync(join(ROOT, 'scripts', 'run.js'), 'utf8')).toContain("runTs(['scripts/db.ts', 'logins']");
  });
});
