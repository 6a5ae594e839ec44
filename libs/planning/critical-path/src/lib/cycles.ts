import { CyclicDependencyError } from './errors';

/** The part of a node that cycle detection needs. */
export interface DependencyNode {
  code: string;
  prerequisites: readonly { code: string }[];
}

/**
 * All elementary cycles are not needed to explain a broken plan; one cycle per strongly
 * connected component is. Returns one closed cycle per cyclic component, in dependency
 * direction (`['A', 'B', 'A']` = A requires B, B requires A), ordered by first appearance of
 * the component's first node in the input. Unknown prerequisite codes are ignored.
 */
export function findCycles(nodes: readonly DependencyNode[]): string[][] {
  const known = new Set(nodes.map((n) => n.code));
  const edges = new Map<string, string[]>();
  for (const n of nodes) {
    const prev = edges.get(n.code) ?? [];
    edges.set(n.code, [...prev, ...n.prerequisites.map((p) => p.code).filter((c) => known.has(c))]);
  }

  // Tarjan's strongly connected components (iterative, so deep chains cannot blow the stack).
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of edges.keys()) {
    if (indexOf.has(root)) continue;
    const work: { code: string; next: number }[] = [{ code: root, next: 0 }];
    indexOf.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const succ = edges.get(frame.code) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++];
        if (!indexOf.has(w)) {
          indexOf.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ code: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.code, Math.min(low.get(frame.code)!, indexOf.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].code;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.code)!));
      }
      if (low.get(frame.code) === indexOf.get(frame.code)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.code);
        const selfLoop = comp.length === 1 && (edges.get(comp[0]) ?? []).includes(comp[0]);
        if (comp.length > 1 || selfLoop) components.push(comp);
      }
    }
  }

  const order = new Map([...edges.keys()].map((c, i) => [c, i]));
  return components
    .map((comp) => cycleWithin(new Set(comp), edges, order))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** A closed cycle inside one strongly connected component, starting at its earliest node. */
function cycleWithin(comp: Set<string>, edges: Map<string, string[]>, order: Map<string, number>): string[] {
  const start = [...comp].sort((a, b) => order.get(a)! - order.get(b)!)[0];
  // BFS back to `start` gives the shortest cycle through it, which is the easiest to read.
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  /* istanbul ignore next -- a strongly connected component always closes a cycle */
  return [start, start];
}

/** Throws CyclicDependencyError with the first cycle, if any. */
export function assertAcyclic(nodes: readonly DependencyNode[]): void {
  const cycles = findCycles(nodes);
  if (cycles.length) throw new CyclicDependencyError(cycles[0]);
}
