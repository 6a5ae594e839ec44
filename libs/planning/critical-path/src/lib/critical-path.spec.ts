import type { Duration } from '@rl/permits-catalog';
import {
  assertAcyclic,
  compareWithCeiling,
  computeCriticalPath,
  CyclicDependencyError,
  findCycles,
  PlanInputError,
  toDuration,
  type AddDuration,
  type PlanNode,
} from '../index';

/** Calendar arithmetic for tests. The server injects the Danish business calendar instead. */
const addCalendar: AddDuration = (iso: string, d: Duration) => {
  const date = new Date(`${iso}T00:00:00Z`);
  switch (d.unit) {
    case 'calendarDays':
      date.setUTCDate(date.getUTCDate() + d.length);
      break;
    case 'weeks':
      date.setUTCDate(date.getUTCDate() + 7 * d.length);
      break;
    case 'months': {
      const day = date.getUTCDate();
      date.setUTCDate(1);
      date.setUTCMonth(date.getUTCMonth() + d.length);
      const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      date.setUTCDate(Math.min(day, lastDay));
      break;
    }
    case 'businessDays': {
      let left = d.length;
      while (left > 0) {
        date.setUTCDate(date.getUTCDate() + 1);
        const dow = date.getUTCDay();
        if (dow !== 0 && dow !== 6) left--;
      }
      break;
    }
  }
  return date.toISOString().slice(0, 10);
};

const START = '2026-01-05'; // a Monday
const days = (n: number) => ({ days: n });
const fourWeeks: Duration = { unit: 'weeks', length: 4 };
const node = (code: string, remaining: number, prerequisites: PlanNode['prerequisites'] = [], extra: Partial<PlanNode> = {}): PlanNode => ({
  code,
  remaining: days(remaining),
  prerequisites,
  ...extra,
});
const plan = (nodes: PlanNode[], ceilingDueOn?: string) =>
  computeCriticalPath({ nodes, projectStart: START, addDuration: addCalendar, ceilingDueOn });

describe('computeCriticalPath — basics', () => {
  it('returns projectStart and an empty path for an empty plan', () => {
    const r = plan([]);
    expect(r.projectedCompletion).toBe(START);
    expect(r.criticalPath).toEqual([]);
    expect(r.nodes).toEqual([]);
  });

  it('schedules a single node from projectStart and marks it critical', () => {
    const r = plan([node('A', 10)]);
    expect(r.byCode.A).toMatchObject({
      earliestStart: START,
      earliestFinish: '2026-01-15',
      latestStart: START,
      latestFinish: '2026-01-15',
      slackDays: 0,
      critical: true,
      durationDays: 10,
    });
    expect(r.projectedCompletion).toBe('2026-01-15');
    expect(r.criticalPath).toEqual(['A']);
  });

  it('chains a linear sequence and sums durations', () => {
    const r = plan([node('A', 10), node('B', 5, [{ code: 'A', requires: 'decided' }]), node('C', 7, [{ code: 'B', requires: 'decided' }])]);
    expect(r.byCode.C.earliestStart).toBe('2026-01-20');
    expect(r.projectedCompletion).toBe('2026-01-27');
    expect(r.criticalPath).toEqual(['A', 'B', 'C']);
    expect(r.nodes.every((n) => n.critical)).toBe(true);
  });

  it('returns nodes in topological order even when input lists dependants first', () => {
    const r = plan([node('C', 1, [{ code: 'B', requires: 'decided' }]), node('B', 1, [{ code: 'A', requires: 'decided' }]), node('A', 1)]);
    expect(r.nodes.map((n) => n.code)).toEqual(['A', 'B', 'C']);
  });

  it('accepts catalogue Durations as well as {days}', () => {
    const r = plan([{ code: 'A', remaining: { unit: 'weeks', length: 2 }, prerequisites: [] }]);
    expect(r.projectedCompletion).toBe('2026-01-19');
    expect(toDuration({ days: 3 })).toEqual({ unit: 'calendarDays', length: 3 });
  });

  it('uses the injected calendar (business days skip the weekend)', () => {
    const r = plan([{ code: 'A', remaining: { unit: 'businessDays', length: 5 }, prerequisites: [] }]);
    // Mon 5 Jan + 5 business days = Mon 12 Jan; a calendar-day calendar would say 10 Jan.
    expect(r.projectedCompletion).toBe('2026-01-12');
  });

  it('passes LocalDates to addDuration and nothing else', () => {
    const seen: string[] = [];
    const spy: AddDuration = (iso, d) => {
      seen.push(iso);
      return addCalendar(iso, d);
    };
    computeCriticalPath({ nodes: [node('A', 3), node('B', 2, [{ code: 'A', requires: 'decided' }])], projectStart: START, addDuration: spy });
    expect(seen.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s))).toBe(true);
    expect(seen).toEqual(['2026-01-05', '2026-01-08']);
  });
});

describe('computeCriticalPath — graph shapes', () => {
  // A → {B (10), C (4)} → D: B is critical, C has 6 days of slack.
  const diamond = [
    node('A', 5),
    node('B', 10, [{ code: 'A', requires: 'decided' }]),
    node('C', 4, [{ code: 'A', requires: 'decided' }]),
    node('D', 3, [
      { code: 'B', requires: 'decided' },
      { code: 'C', requires: 'decided' },
    ]),
  ];

  it('diamond: the join waits for the slower branch', () => {
    const r = plan(diamond);
    expect(r.byCode.D.earliestStart).toBe('2026-01-20');
    expect(r.projectedCompletion).toBe('2026-01-23');
    expect(r.criticalPath).toEqual(['A', 'B', 'D']);
  });

  it('diamond: the faster branch has slack equal to the difference', () => {
    const r = plan(diamond);
    expect(r.byCode.C).toMatchObject({ slackDays: 6, critical: false, latestStart: '2026-01-16', latestFinish: '2026-01-20' });
    expect(r.byCode.B.slackDays).toBe(0);
  });

  it('parallel independent tracks: the longest track is critical, others have slack', () => {
    const r = plan([node('X1', 20), node('X2', 20, [{ code: 'X1', requires: 'decided' }]), node('Y1', 15), node('Y2', 10, [{ code: 'Y1', requires: 'decided' }])]);
    expect(r.projectedCompletion).toBe('2026-02-14');
    expect(r.criticalPath).toEqual(['X1', 'X2']);
    expect(r.byCode.Y1.slackDays).toBe(15);
    expect(r.byCode.Y2.slackDays).toBe(15);
    expect(r.byCode.Y2.latestFinish).toBe('2026-02-14');
  });

  it('marks every node on tied longest paths critical, and returns one of them deterministically', () => {
    const r = plan([node('A', 10), node('B', 10), node('C', 1, [{ code: 'A', requires: 'decided' }, { code: 'B', requires: 'decided' }])]);
    expect(r.byCode.A.critical && r.byCode.B.critical && r.byCode.C.critical).toBe(true);
    expect(r.criticalPath).toEqual(['A', 'C']);
  });
});

describe("computeCriticalPath — 'final' vs 'decided' edges", () => {
  const graph = (requires: 'decided' | 'final') => [node('P', 10, [], { appealPeriod: fourWeeks }), node('D', 5, [{ code: 'P', requires }])];

  it("'decided' edge: the dependant starts at the prerequisite's decision", () => {
    const r = plan(graph('decided'));
    expect(r.byCode.D.earliestStart).toBe('2026-01-15');
    // Klagefrist to 12 Feb (the last day to appeal): final from the day after.
    expect(r.byCode.P.earliestFinal).toBe('2026-02-13');
  });

  it("'final' edge: the dependant waits for decision + appeal period, and starts the day after the klagefrist", () => {
    const r = plan(graph('final'));
    expect(r.byCode.D.earliestStart).toBe('2026-02-13');
    expect(r.byCode.D.earliestFinish).toBe('2026-02-18');
    expect(r.projectedCompletion).toBe('2026-02-18');
    expect(r.criticalPath).toEqual(['P', 'D']);
  });

  it('projected completion includes the appeal period of the last node (the case ends when all are final)', () => {
    const r = plan([node('A', 10, [], { appealPeriod: fourWeeks })]);
    expect(r.byCode.A.earliestFinish).toBe('2026-01-15');
    expect(r.projectedCompletion).toBe('2026-02-13');
    expect(r.byCode.A.latestFinish).toBe('2026-01-15');
    // 28 days of appeal period, final the day after its last day.
    expect(r.byCode.A.appealDays).toBe(29);
  });

  it("with a 'decided' edge the prerequisite's own appeal period can be the critical tail", () => {
    const r = plan(graph('decided'));
    // P final on 13 Feb (klagefrist 12 Feb); D decided on 20 Jan. P's appeal tail decides completion.
    expect(r.projectedCompletion).toBe('2026-02-13');
    expect(r.criticalPath).toEqual(['P']);
    expect(r.byCode.D.slackDays).toBe(24);
  });
});

describe('computeCriticalPath — progress', () => {
  it('done nodes contribute their actual end, not their planned duration', () => {
    const r = plan([
      node('A', 100, [], { status: 'done', actualStart: '2025-10-01', actualEnd: '2026-01-10' }),
      node('B', 5, [{ code: 'A', requires: 'final' }]),
    ]);
    expect(r.byCode.A.earliestFinish).toBe('2026-01-10');
    expect(r.byCode.B.earliestStart).toBe('2026-01-10');
    expect(r.projectedCompletion).toBe('2026-01-15');
  });

  it('a node finished before projectStart does not pull dependants into the past', () => {
    const r = plan([node('A', 100, [], { status: 'final', actualEnd: '2025-06-01' }), node('B', 5, [{ code: 'A', requires: 'final' }])]);
    expect(r.byCode.B.earliestStart).toBe(START);
    expect(r.criticalPath).toEqual(['B']);
    expect(r.byCode.A.critical).toBe(false);
  });

  it("a 'decided' node still adds its appeal period to 'final' edges", () => {
    const r = plan([
      node('A', 100, [], { status: 'decided', actualEnd: '2026-01-02', appealPeriod: fourWeeks }),
      node('B', 5, [{ code: 'A', requires: 'final' }]),
    ]);
    expect(r.byCode.B.earliestStart).toBe('2026-01-31');
  });

  it('an inProgress node counts its remaining time from projectStart and keeps its actual start', () => {
    const r = plan([node('A', 10, [], { status: 'inProgress', actualStart: '2025-12-01' })]);
    expect(r.byCode.A.earliestStart).toBe('2025-12-01');
    expect(r.byCode.A.earliestFinish).toBe('2026-01-15');
  });
});

describe('computeCriticalPath — ceiling', () => {
  it('reports a ceiling that holds with positive margin', () => {
    const r = plan([node('A', 30)], '2026-03-01');
    expect(r.ceiling).toEqual({ projectedCompletion: '2026-02-04', ceilingDueOn: '2026-03-01', withinCeiling: true, marginDays: 25 });
  });

  it('reports a ceiling breach with negative margin', () => {
    const r = plan([node('A', 30, [], { appealPeriod: fourWeeks })], '2026-02-04');
    expect(r.ceiling).toMatchObject({ withinCeiling: false, marginDays: -29, projectedCompletion: '2026-03-05' });
  });

  it('completion exactly on the ceiling day is within the ceiling', () => {
    expect(compareWithCeiling('2027-07-05', '2027-07-05')).toEqual({
      projectedCompletion: '2027-07-05',
      ceilingDueOn: '2027-07-05',
      withinCeiling: true,
      marginDays: 0,
    });
  });

  it('omits the ceiling comparison when no ceiling is given', () => {
    expect(plan([node('A', 1)]).ceiling).toBeUndefined();
  });
});

describe('computeCriticalPath — input errors and unknown references', () => {
  it('ignores and reports prerequisites that are not in the plan', () => {
    const r = plan([node('A', 5, [{ code: 'GHOST', requires: 'final' }])]);
    expect(r.byCode.A.earliestStart).toBe(START);
    expect(r.unknownPrerequisites).toEqual([{ code: 'A', prerequisite: 'GHOST' }]);
  });

  it('rejects duplicate node codes', () => {
    expect(() => plan([node('A', 1), node('A', 2)])).toThrow(PlanInputError);
  });

  it('rejects malformed and impossible dates with PLAN.INVALID_INPUT', () => {
    expect(() => computeCriticalPath({ nodes: [], projectStart: '5/1/2026', addDuration: addCalendar })).toThrow(expect.objectContaining({ code: 'PLAN.INVALID_INPUT' }));
    expect(() => computeCriticalPath({ nodes: [], projectStart: '2026-02-30', addDuration: addCalendar })).toThrow(PlanInputError);
  });

  it('rejects negative durations', () => {
    expect(() => plan([node('A', -1)])).toThrow(PlanInputError);
  });
});

describe('cycles', () => {
  it('findCycles returns [] for an acyclic graph', () => {
    expect(findCycles([node('A', 1), node('B', 1, [{ code: 'A', requires: 'decided' }])])).toEqual([]);
  });

  it('finds a two-node cycle in dependency direction', () => {
    const cycles = findCycles([node('A', 1, [{ code: 'B', requires: 'decided' }]), node('B', 1, [{ code: 'A', requires: 'final' }])]);
    expect(cycles).toEqual([['A', 'B', 'A']]);
  });

  it('finds a self-dependency', () => {
    expect(findCycles([node('A', 1, [{ code: 'A', requires: 'decided' }])])).toEqual([['A', 'A']]);
  });

  it('finds one cycle per independent cyclic component, ignoring acyclic parts', () => {
    const cycles = findCycles([
      node('OK', 1),
      node('A', 1, [{ code: 'C', requires: 'decided' }]),
      node('B', 1, [{ code: 'A', requires: 'decided' }, { code: 'OK', requires: 'decided' }]),
      node('C', 1, [{ code: 'B', requires: 'decided' }]),
      node('X', 1, [{ code: 'Y', requires: 'decided' }]),
      node('Y', 1, [{ code: 'X', requires: 'decided' }]),
    ]);
    expect(cycles).toEqual([
      ['A', 'C', 'B', 'A'],
      ['X', 'Y', 'X'],
    ]);
  });

  it('computeCriticalPath throws CyclicDependencyError with code PLAN.CYCLE and the path', () => {
    const nodes = [node('A', 1), node('B', 1, [{ code: 'A', requires: 'decided' }, { code: 'C', requires: 'decided' }]), node('C', 1, [{ code: 'B', requires: 'final' }])];
    let caught: unknown;
    try {
      plan(nodes);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CyclicDependencyError);
    expect(caught).toMatchObject({ code: 'PLAN.CYCLE', cycle: ['B', 'C', 'B'] });
    expect((caught as Error).message).toContain('B → C → B');
    expect(() => assertAcyclic(nodes)).toThrow(CyclicDependencyError);
  });

  it('handles a long chain without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => node(`N${i}`, 1, i ? [{ code: `N${i - 1}`, requires: 'decided' }] : []));
    expect(findCycles(chain)).toEqual([]);
    expect(plan(chain).criticalPath).toHaveLength(5000);
  });
});

describe('realistic pharma site (12 permits)', () => {
  // Day offsets from 2026-01-05 are worked out by hand in the comments ("final" = the day after
  // the 28-day appeal period's last day: decision + 29).
  const appeal = { appealPeriod: fourWeeks };
  const pharma: PlanNode[] = [
    node('LOKALPLAN', 180, [], appeal), // 0 → 180, final 209
    node('MILJOEVURDERING', 150, [], appeal), // 0 → 150, final 179
    node('HABITATVURDERING', 30), // 0 → 30
    node('MILJOEGODKENDELSE', 120, [
      { code: 'MILJOEVURDERING', requires: 'final' },
      { code: 'HABITATVURDERING', requires: 'decided' },
    ], appeal), // 179 → 299, final 328
    node('BYGGETILLADELSE', 40, [
      { code: 'LOKALPLAN', requires: 'final' },
      { code: 'MILJOEGODKENDELSE', requires: 'decided' },
    ], appeal), // 299 → 339, final 368
    node('SPILDEVANDSTILLADELSE', 60, [{ code: 'LOKALPLAN', requires: 'decided' }], appeal), // 180 → 240
    node('VANDINDVINDING', 90, [{ code: 'MILJOEVURDERING', requires: 'decided' }], appeal), // 150 → 240
    node('JORDFLYTNING', 14, [{ code: 'BYGGETILLADELSE', requires: 'decided' }]), // 339 → 353
    node('VEJADGANG', 30, [{ code: 'LOKALPLAN', requires: 'decided' }], appeal), // 180 → 210
    node('RISIKOGODKENDELSE', 90, [{ code: 'MILJOEGODKENDELSE', requires: 'decided' }]), // 299 → 389
    node('GMO_INDESLUTTET', 60, [], appeal), // 0 → 60
    node('FREMSTILLINGSTILLADELSE', 90, [{ code: 'BYGGETILLADELSE', requires: 'final' }]), // 368 → 458
  ];

  it('projects completion on day 458 and follows VVM → environmental approval → building → DKMA', () => {
    const r = plan(pharma, '2027-07-05');
    expect(r.projectedCompletion).toBe('2027-04-08');
    expect(r.criticalPath).toEqual(['MILJOEVURDERING', 'MILJOEGODKENDELSE', 'BYGGETILLADELSE', 'FREMSTILLINGSTILLADELSE']);
    expect(r.nodes.filter((n) => n.critical).map((n) => n.code).sort()).toEqual([...r.criticalPath].sort());
  });

  it('computes slack for off-path permits', () => {
    const r = plan(pharma);
    expect(r.byCode.LOKALPLAN.slackDays).toBe(90); // must be final by BYGGETILLADELSE's start (299)
    expect(r.byCode.HABITATVURDERING.slackDays).toBe(149);
    expect(r.byCode.RISIKOGODKENDELSE.slackDays).toBe(69);
    expect(r.byCode.BYGGETILLADELSE.earliestStart).toBe('2026-10-31');
  });

  it('fits the 18-month ceiling with 88 days to spare but breaches a 12-month ceiling by 93 days', () => {
    expect(plan(pharma, '2027-07-05').ceiling).toMatchObject({ withinCeiling: true, marginDays: 88 });
    expect(plan(pharma, '2027-01-05').ceiling).toMatchObject({ withinCeiling: false, marginDays: -93 });
  });

  it('a slipping local plan becomes critical once its slack is used up', () => {
    const slipped = pharma.map((n) => (n.code === 'LOKALPLAN' ? { ...n, remaining: days(280) } : n));
    const r = plan(slipped);
    expect(r.criticalPath[0]).toBe('LOKALPLAN');
    expect(r.projectedCompletion).toBe('2027-04-18');
  });
});
