/** Field-level diff of two application documents as JSON Pointers (pure). */

export interface FieldChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Leaves of a JSON value by pointer; arrays of scalars and empty containers count as one leaf. */
function leaves(v: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) leaves(x, `${prefix}/${escape(k)}`, out);
  } else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
    v.forEach((x, i) => leaves(x, `${prefix}/${i}`, out));
  } else if (v !== undefined) {
    out.set(prefix, v);
  }
  return out;
}

export function diffFields(before: unknown, after: unknown, prefix: string): FieldChange[] {
  const a = leaves(before, prefix, new Map());
  const b = leaves(after, prefix, new Map());
  const out: FieldChange[] = [];
  for (const pointer of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(pointer);
    const y = b.get(pointer);
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ pointer, before: x ?? null, after: y ?? null });
  }
  return out.sort((p, q) => p.pointer.localeCompare(q.pointer));
}
