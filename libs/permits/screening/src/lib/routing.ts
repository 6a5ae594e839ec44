/**
 * Routing rules: which concrete authority decides an applicable permit. Also DATA. The default is
 * the catalogue's `authority`, resolved to the site municipality for municipal permits. A
 * 'decides' rule that fires replaces the default (first match wins); every 'alsoInvolved' rule
 * that fires adds a co-authority (e.g. AT for Seveso, the municipality with MST for GMO production).
 */
import { getMunicipality, getStateAgency, REGIONS } from '@rl/permits-catalog';
import type { AuthorityKind, PermitCode, PermitType, StateAgencyCode } from '@rl/permits-catalog';
import type { ProjectFacts } from './project-facts';
import type { Text } from './rules';

export interface ResolvedAuthority {
  kind: AuthorityKind;
  level: 'municipal' | 'state' | 'other';
  /** Municipality code ('326'), state agency code ('MST'), region routing code ('REGION-1084'), or 'MUSEUM' / 'GRID_OPERATOR'. */
  code: string;
  nameDa: string;
  nameEn: string;
}

/** `region`: the region of the site municipality (REGIONS), e.g. Region Hovedstaden for Hillerød. */
export type AuthorityTarget = { kind: 'municipality' } | { kind: 'stateAgency'; agency: StateAgencyCode } | { kind: 'region' };

export interface RoutingRule {
  id: string;
  permitCodes: PermitCode[];
  role: 'decides' | 'alsoInvolved';
  when: (facts: ProjectFacts) => boolean;
  target: AuthorityTarget;
  statute: string;
  note: Text;
}

const sMarked = (f: ProjectFacts) => f.listedActivity?.sMarked === true;

export const ROUTING_RULES: readonly RoutingRule[] = [
  {
    id: 'ROUTE-ENV-SMARKED-MST',
    permitCodes: ['MILJOEGODKENDELSE', 'SEVESO_RISK'],
    role: 'decides',
    when: sMarked,
    target: { kind: 'stateAgency', agency: 'MST' },
    statute: 'MBL §40; godkendelsesbekendtgørelsen (s-mærkede aktiviteter)',
    note: { da: 'S-mærket aktivitet: Miljøstyrelsen er miljømyndighed.', en: 'S-marked activity: the Danish EPA is the environmental authority.' },
  },
  {
    id: 'ROUTE-EIA-MST',
    permitCodes: ['VVM_SCREENING', 'VVM_PERMIT'],
    role: 'decides',
    when: (f) => sMarked(f) || f.stateOrCrossMunicipalProject === true,
    target: { kind: 'stateAgency', agency: 'MST' },
    statute: 'Miljøvurderingsloven §17 (~); bekendtgørelse om miljøvurdering',
    note: {
      da: 'Statsligt, tværkommunalt eller s-mærket projekt: Miljøstyrelsen er VVM-myndighed.',
      en: 'State, cross-municipal or s-marked project: the Danish EPA is the EIA authority.',
    },
  },
  {
    id: 'ROUTE-ROAD-STATE-VD',
    permitCodes: ['ROAD_ACCESS'],
    role: 'decides',
    when: (f) => f.roadType === 'state',
    target: { kind: 'stateAgency', agency: 'VD' },
    statute: 'Vejloven §49',
    note: { da: 'Adgang til statsvej: Vejdirektoratet er vejmyndighed.', en: 'Access to a state road: the Road Directorate decides.' },
  },
  {
    id: 'ROUTE-ROAD-VD-CONSENT',
    permitCodes: ['ROAD_ACCESS'],
    role: 'alsoInvolved',
    when: (f) => f.roadType !== 'state' && f.withinStateRoadZone === true,
    target: { kind: 'stateAgency', agency: 'VD' },
    statute: 'Vejloven §49 (VD consent within 100 m / 50 m in towns of a state road)',
    note: { da: 'Adgangen ligger nær en statsvej: Vejdirektoratet skal give samtykke.', en: 'The access is close to a state road: the Road Directorate must consent.' },
  },
  {
    id: 'ROUTE-BEACH-KDI',
    permitCodes: ['PROTECTION_LINE_DISPENSATION'],
    role: 'decides',
    when: (f) => (f.protectionLines ?? []).includes('beach'),
    target: { kind: 'stateAgency', agency: 'KDI' },
    statute: 'Naturbeskyttelsesloven §§15, 65(3)',
    note: { da: 'Strandbeskyttelseslinjen administreres af Kystdirektoratet.', en: 'The beach protection line is administered by the Coastal Authority.' },
  },
  {
    id: 'ROUTE-OTHER-LINES-MUNICIPALITY',
    permitCodes: ['PROTECTION_LINE_DISPENSATION'],
    role: 'alsoInvolved',
    when: (f) => (f.protectionLines ?? []).includes('beach') && (f.protectionLines ?? []).some((l) => l !== 'beach'),
    target: { kind: 'municipality' },
    statute: 'Naturbeskyttelsesloven §§16–19, 65',
    note: { da: 'Kommunen dispenserer fra de øvrige beskyttelseslinjer (§§16–19).', en: 'The municipality decides dispensations from the other lines (§§16–19).' },
  },
  {
    id: 'ROUTE-GMO-PRODUCTION-MUNICIPALITY',
    permitCodes: ['GMO_PRODUCTION'],
    role: 'alsoInvolved',
    when: () => true,
    target: { kind: 'municipality' },
    statute: 'Lov om miljø og genteknologi',
    note: { da: 'Miljøstyrelsen godkender sammen med kommunen.', en: 'The Danish EPA approves together with the municipality.' },
  },
  {
    id: 'ROUTE-SOIL-REGION',
    permitCodes: ['JFL_8'],
    role: 'alsoInvolved',
    when: () => true,
    target: { kind: 'region' },
    statute: 'Jordforureningsloven §8(3) (the Region is heard, 4 weeks)',
    note: { da: 'Regionen høres om byggeri på kortlagt jord.', en: 'The Region is consulted on building on mapped land.' },
  },
  {
    id: 'ROUTE-SEVESO-AT',
    permitCodes: ['SEVESO_RISK'],
    role: 'alsoInvolved',
    when: () => true,
    target: { kind: 'stateAgency', agency: 'AT' },
    statute: 'Risikobekendtgørelsen (BEK 372/2016)',
    note: {
      da: 'Arbejdstilsynet (samt beredskab og politi) accepterer sikkerhedsniveauet på sit område.',
      en: 'The Working Environment Authority (and fire service and police) accept the safety level in their field.',
    },
  },
];

const OTHER_AUTHORITIES: Record<'museum' | 'gridOperator' | 'region', Omit<ResolvedAuthority, 'kind' | 'level'>> = {
  museum: { code: 'MUSEUM', nameDa: 'Lokalt arkæologisk museum (museumslovens kap. 8)', nameEn: 'Local archaeological museum (Museum Act ch. 8)' },
  gridOperator: { code: 'GRID_OPERATOR', nameDa: 'Netselskab / Energinet', nameEn: 'Grid company / Energinet' },
  region: { code: 'REGION', nameDa: 'Regionen', nameEn: 'The Region' },
};

function resolveTarget(target: AuthorityTarget, facts: ProjectFacts): ResolvedAuthority {
  if (target.kind === 'municipality') {
    const m = getMunicipality(facts.municipalityCode);
    return { kind: 'municipality', level: 'municipal', code: m.code, nameDa: m.nameDa, nameEn: m.nameEn };
  }
  if (target.kind === 'region') {
    const r = REGIONS.find((x) => x.code === getMunicipality(facts.municipalityCode).regionCode);
    /* istanbul ignore next -- every municipality has one of the five regions (municipalities.spec.ts) */
    if (!r) throw new Error(`No region for municipality ${facts.municipalityCode}`);
    // A region decides nothing in the catalogue here: 'other', so it counts for neither L 206 level.
    return { kind: 'region', level: 'other', code: `REGION-${r.code}`, nameDa: r.nameDa, nameEn: r.nameEn };
  }
  const a = getStateAgency(target.agency);
  return { kind: 'stateAgency', level: 'state', code: a.code, nameDa: a.nameDa, nameEn: a.nameEn };
}

function defaultAuthority(permit: PermitType, facts: ProjectFacts): ResolvedAuthority {
  const { kind, agency } = permit.authority;
  if (kind === 'municipality') return resolveTarget({ kind: 'municipality' }, facts);
  if (kind === 'stateAgency') {
    if (!agency) throw new Error(`Catalogue entry ${permit.code} is a state permit without an agency`);
    return resolveTarget({ kind: 'stateAgency', agency }, facts);
  }
  return { kind, level: 'other', ...OTHER_AUTHORITIES[kind] };
}

export interface Routing {
  authority: ResolvedAuthority;
  coAuthorities: ResolvedAuthority[];
  /** Routing rules that fired, with their notes. */
  routedBy: Array<{ ruleId: string; da: string; en: string; statute: string }>;
}

/** Resolves the deciding authority and any co-authorities of one applicable permit. */
export function routePermit(permit: PermitType, facts: ProjectFacts, rules: readonly RoutingRule[] = ROUTING_RULES): Routing {
  const fired = rules.filter((r) => r.permitCodes.includes(permit.code) && r.when(facts));
  const decider = fired.find((r) => r.role === 'decides');
  const authority = decider ? resolveTarget(decider.target, facts) : defaultAuthority(permit, facts);
  const coAuthorities: ResolvedAuthority[] = [];
  for (const r of fired.filter((x) => x.role === 'alsoInvolved')) {
    const a = resolveTarget(r.target, facts);
    if (a.code !== authority.code && !coAuthorities.some((c) => c.code === a.code)) coAuthorities.push(a);
  }
  return {
    authority,
    coAuthorities,
    routedBy: fired.map((r) => ({ ruleId: r.id, da: r.note.da, en: r.note.en, statute: r.statute })),
  };
}
