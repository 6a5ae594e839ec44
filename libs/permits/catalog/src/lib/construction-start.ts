/**
 * The "construction start" gate (issue 13 item 17): what must be decided (or final) before the
 * company may start building. Not a permit anyone applies for — a milestone the case view shows,
 * so nobody reads a granted building permit as leave to start a listed plant.
 */
import type { PermitCode } from './types';

export interface ConstructionStartRequirement {
  code: PermitCode;
  /** 'decided': given (an appeal does not suspend it); 'final': the klagefrist must run out. */
  requires: 'decided' | 'final';
  why: { da: string; en: string };
  source: string;
  /** True when the requirement is our inference, not a read source. */
  inference: boolean;
}

export const CONSTRUCTION_START_GATE: readonly ConstructionStartRequirement[] = Object.freeze([
  {
    code: 'MILJOEGODKENDELSE',
    requires: 'decided',
    why: {
      da: 'En listevirksomhed må ikke anlægges eller påbegyndes, før miljøgodkendelsen er meddelt.',
      en: 'A listed plant may not be built or started before its environmental permit has been given.',
    },
    source: 'MBL §33(1) ("må ikke påbegyndes"); permits-research.md §1 #6',
    inference: false,
  },
  {
    code: 'VVM_PERMIT',
    requires: 'decided',
    why: { da: 'Et VVM-pligtigt projekt må ikke påbegyndes før VVM-tilladelsen.', en: 'An EIA project may not start before its EIA permit.' },
    source: 'MVL §25 (~: the catalogue\'s building-permit edge says the same, marked as an inference)',
    inference: true,
  },
  {
    code: 'LANDZONE',
    requires: 'final',
    why: {
      da: 'Landzonetilladelsen må ikke udnyttes, før klagefristen er udløbet; en klage har opsættende virkning.',
      en: 'The landzone permit may not be used before the klagefrist has run out; an appeal suspends it.',
    },
    source: 'PL §40 (catalogue: appeal.usableOnlyAfterAppealPeriod); permits-research.md §1 #3',
    inference: false,
  },
  {
    code: 'BUILDING_PERMIT',
    requires: 'decided',
    why: { da: 'Byggearbejdet kræver byggetilladelse.', en: 'Building work needs the building permit.' },
    source: 'Byggeloven §16 (~: "before work starts" read from permits-research.md §1 #20)',
    inference: true,
  },
] satisfies ConstructionStartRequirement[]);
