/**
 * Facts the catalogue derives instead of trusting the applicant (issue 13 item 14): from a list
 * item of godkendelsesbekendtgørelsen the catalogue ships, the annex, the s-mark (MST approves)
 * and the EIA track (miljøvurderingsloven annex) follow. Declared values that contradict them
 * are refused in validate-facts.ts; here they are filled in where missing.
 */
import { eiaAnnexesOf, findListedActivity, type ListedActivityEntry } from '@rl/permits-catalog';
import type { EiaAnnex, ProjectFacts } from './project-facts';

/** What screening used for the listed activity, and where it came from. */
export interface DerivedListedActivity {
  listItem: string | null;
  annex: 'annex1' | 'annex2';
  sMarked: boolean;
  /** null = not known (no catalogue item). */
  ied: boolean | null;
  /** 'catalogue' = derived from the list item; 'declared' = taken from the applicant's facts. */
  basis: 'catalogue' | 'declared';
  source: string | null;
  /** Catalogue fields of the item that are inferences. */
  unconfirmedFields: string[];
}

export interface DerivedFacts {
  /** The facts screening runs on: the declared ones with the derived values filled in. */
  facts: ProjectFacts;
  listedActivity: DerivedListedActivity | null;
  /** The EIA track and whether it was derived from the list item. */
  eiaAnnex: { value: EiaAnnex; basis: 'catalogue' | 'declared' | 'default' };
}

function fromItem(item: ListedActivityEntry): DerivedListedActivity {
  return {
    listItem: item.code,
    annex: item.annex,
    sMarked: item.sMarked,
    ied: item.ied,
    basis: 'catalogue',
    source: item.source,
    unconfirmedFields: [...item.unconfirmedFields],
  };
}

/** Call only with facts that passed the shape checks. */
export function deriveFacts(f: ProjectFacts): DerivedFacts {
  const la = f.listedActivity ?? null;
  const item = findListedActivity(la?.listItem);
  if (!la) {
    return { facts: f, listedActivity: null, eiaAnnex: { value: f.eiaAnnex ?? 'none', basis: f.eiaAnnex === undefined ? 'default' : 'declared' } };
  }
  if (!item) {
    const declared: DerivedListedActivity = {
      listItem: la.listItem ?? null,
      annex: la.annex ?? 'annex2',
      sMarked: la.sMarked === true,
      ied: null,
      basis: 'declared',
      source: null,
      unconfirmedFields: [],
    };
    return { facts: f, listedActivity: declared, eiaAnnex: { value: f.eiaAnnex ?? 'none', basis: f.eiaAnnex === undefined ? 'default' : 'declared' } };
  }
  const derived = fromItem(item);
  const eia = f.eiaAnnex ?? eiaAnnexesOf(item)[0] ?? 'none';
  return {
    facts: { ...f, listedActivity: { ...la, annex: item.annex, sMarked: item.sMarked }, eiaAnnex: eia },
    listedActivity: derived,
    eiaAnnex: { value: eia, basis: f.eiaAnnex === undefined ? 'catalogue' : 'declared' },
  };
}
