/**
 * What catalogue 2025.2 changed from 2025.1 (issue 13 item 13), each change classified. Legal
 * corrections move running permits of the listed types to 2025.2 through the audited catalogue
 * upgrade (libs/server/case-engine `upgradeRunningPermits`), which recomputes their klagefrist,
 * hearing close and notice finality; the other changes reach new cases only, because they are
 * fixed when a case is screened (the permit set, prerequisite edges, a deadline variant chosen
 * from facts). `catalog-versions.spec.ts` checks every list against the two versions' data.
 */
import type { CatalogChange } from './types';

/** Every 2025.1 type that had an appeal period (decisions, incl. embedded gates that wait in one). */
const DECISIONS = [
  'KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'LANDZONE', 'VVM_SCREENING', 'VVM_PERMIT', 'MILJOEGODKENDELSE',
  'UDLEDNINGSTILLADELSE', 'TILSLUTNINGSTILLADELSE', 'VANDINDVINDING', 'GRUNDVANDSSAENKNING', 'JFL_8',
  'NBL_3_DISPENSATION', 'PROTECTION_LINE_DISPENSATION', 'HABITAT_ASSESSMENT', 'SEVESO_RISK',
  'FLAMMABLE_LIQUIDS', 'GMO_CONTAINED_USE', 'GMO_PRODUCTION', 'GMP_MANUFACTURING', 'BUILDING_PERMIT',
  'CO2_PERMIT', 'HEAT_SUPPLY_PROJECT', 'ROAD_ACCESS', 'GRID_CONNECTION',
];

export const CHANGES_2025_2: CatalogChange[] = [
  {
    id: 'KLAGEFRIST_ROLL',
    kind: 'legalCorrection',
    permitCodes: DECISIONS,
    summary:
      'A klagefrist ending on a Saturday or helligdag moves to the following hverdag; Sunday is a helligdag, Grundlovsdag, 24 and 31 December are not (2025.1 rolled over every office closure day). Running permits in their appeal period get the statutory klagefrist (up to 5 days earlier).',
    source: 'MBL §93(2); MVL §51(2); PL §60 / nmkn.dk (issue 13 item 5)',
  },
  {
    id: 'HEARING_CLOSE_AFTER_LAST_DAY',
    kind: 'legalCorrection',
    permitCodes: ['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'LANDZONE', 'VVM_PERMIT', 'MILJOEGODKENDELSE', 'JFL_8', 'HEAT_SUPPLY_PROJECT'],
    summary:
      'A hearing may close only after its last day for objections (00:00 on the following day), not at the start of the last day. Running hearings get the later earliest close.',
    source: 'PL §24(3) "mindst 8 uger"; deadlines run in whole days (nmkn.dk) (issue 13 item 6)',
  },
  {
    id: 'NOTICES_WITHOUT_APPEAL',
    kind: 'legalCorrection',
    permitCodes: ['CONSTRUCTION_SITE_NOTICE', 'ARCHAEOLOGY'],
    summary:
      'The construction-site notice and the museum opinion are not decisions: no klagefrist, final when given (2025.1 added 4 weeks). A running notice waiting out a klagefrist becomes final.',
    source: 'permits-research.md §1 #21, #25 (appeal "—"); museumsloven §25 (issue 13 item 3)',
  },
  {
    id: 'PL_24_HEARING_MINIMUMS',
    kind: 'legalCorrection',
    permitCodes: ['KOMMUNEPLANTILLAEG', 'LOKALPLAN'],
    summary:
      'The caseworker chooses a lawful hearing minimum with its basis (plan amendment: 8 weeks or 4 for minor framework changes; local plan: 8, 4, or 2 weeks for minor plans); 2025.1 forced 8 weeks. A running plan whose hearing has not started may choose one.',
    source: 'PL §24(3)–(6) (issue 13 item 7)',
  },
  {
    id: 'DECISION_VALIDITY',
    kind: 'legalCorrection',
    permitCodes: ['VVM_SCREENING', 'VVM_PERMIT', 'VANDINDVINDING', 'GMO_PRODUCTION'],
    summary:
      'Validity and lapse of a decision (EIA decisions lapse after 3 years unused; abstraction ≤ 30 years; GMO production time-limited): the law applies to every decision, so a permit decided after the upgrade shows its validUntil and gets the reminders.',
    source: 'MVL §39; VFL §22; permits-research.md §1 #4, #9, #18 (issue 13 item 4)',
  },
  {
    id: 'DKMA_CITATION',
    kind: 'legalCorrection',
    permitCodes: ['GMP_MANUFACTURING'],
    summary: 'The 90-day deadline is BEK 1358/2012 §6(1), not §5 (same 90 days: no date moves).',
    source: 'BEK 1358/2012 §§5–6 (issue 13 item 8)',
  },
  {
    id: 'DKMA_CHANGE_ROUTE',
    kind: 'newCasesOnly',
    permitCodes: ['GMP_MANUFACTURING'],
    summary:
      'A change to an existing authorisation: 30 days, extendable to 90 (variant CHANGE_OF_AUTHORISATION). The variant is chosen at screening from the fact medicinalAuthorisationChange, which a running case never gave: new cases only.',
    source: 'BEK 1358/2012 §6(2) (issue 13 item 8)',
  },
  {
    id: 'BUILDING_AFTER_DECIDED_PLAN',
    kind: 'newCasesOnly',
    permitCodes: ['BUILDING_PERMIT'],
    summary:
      'The building permit needs the lokalplan / kommuneplantillæg decided, not final. Prerequisite edges are stored when a case is screened: new cases only.',
    source: 'lov om Planklagenævnet §7(1) (as cited in issue 13 item 17)',
  },
  {
    id: 'ARCHAEOLOGY_IS_ADVICE',
    kind: 'newCasesOnly',
    permitCodes: ['BUILDING_PERMIT', 'LOKALPLAN'],
    summary:
      'The museum opinion is advice, a non-blocking runsWith edge instead of a prerequisite. Prerequisite edges are stored when a case is screened: new cases only.',
    source: 'museumsloven §§25, 27 (issue 13 item 17)',
  },
];
