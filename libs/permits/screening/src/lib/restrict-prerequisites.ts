/**
 * Prerequisites restricted to the applicable permit set.
 *
 * Choice (documented): an edge A → B to a permit B that the project does NOT need is dropped, but
 * the ordering it carried is kept by walking through B to B's own prerequisites: A → B → C
 * becomes A → C (with `via: [B]`). The kept edge uses the requirement of the LAST hop (B → C),
 * since that is what C had to reach before the chain could continue. Example: a GMP
 * authorisation in an existing building (no building permit) still waits for the lokalplan to be
 * final, which is what the building permit would have waited for. The walk stops at applicable
 * permits (their own edges carry the rest of the order), and it does not follow edges marked
 * `carriesThrough: false` in the catalogue (reasons specific to the dropped permit, e.g. the
 * lokalplan needs the museum's opinion because it fixes the layout). When several paths lead to the same
 * prerequisite, a direct edge wins; otherwise the stronger requirement ('final') wins.
 */
import type { CatalogVersion, PermitCode, Prerequisite } from '@rl/permits-catalog';

export interface ScreenedPrerequisite extends Prerequisite {
  /** Non-applicable permits the ordering was carried through (empty for a direct edge). */
  via: PermitCode[];
}

export function restrictPrerequisites(
  code: PermitCode,
  applicable: ReadonlySet<PermitCode>,
  catalog: CatalogVersion,
): ScreenedPrerequisite[] {
  const byCode = new Map(catalog.permitTypes.map((p) => [p.code, p]));
  const result = new Map<PermitCode, ScreenedPrerequisite>();

  const add = (edge: ScreenedPrerequisite) => {
    const existing = result.get(edge.code);
    if (!existing) return void result.set(edge.code, edge);
    const existingDirect = existing.via.length === 0;
    const edgeDirect = edge.via.length === 0;
    if (existingDirect && !edgeDirect) {
      if (edge.requires === 'final' && existing.requires === 'decided') result.set(edge.code, { ...existing, requires: 'final' });
      return;
    }
    if (edgeDirect && !existingDirect) {
      result.set(edge.code, existing.requires === 'final' ? { ...edge, requires: 'final' } : edge);
      return;
    }
    if (edge.requires === 'final' && existing.requires === 'decided') result.set(edge.code, edge);
  };

  const walk = (from: PermitCode, via: PermitCode[], seen: Set<PermitCode>) => {
    for (const pre of byCode.get(from)?.prerequisites ?? []) {
      if (via.length > 0 && pre.carriesThrough === false) continue;
      if (applicable.has(pre.code)) {
        add({ ...pre, via });
      } else if (!seen.has(pre.code)) {
        seen.add(pre.code);
        walk(pre.code, [...via, pre.code], seen);
      }
    }
  };
  walk(code, [], new Set([code]));
  return [...result.values()];
}
