import {
  type ClockDefinition,
  type ClockState,
  InvalidDateError,
  InvalidStopError,
  allowedStopReasons,
  clockDefinitionFromRule,
  computeClock,
  computePermitClocks,
  createDanishCalendar,
  permitClockSchedule,
  thresholdInstants,
} from '../index';

const cal = createDanishCalendar();

const dkma: ClockDefinition = { unit: 'calendarDays', length: 90, kind: 'statutory', stopsWhileAwaitingApplicant: true };
const bd20: ClockDefinition = { unit: 'businessDays', length: 20, kind: 'target', stopsWhileAwaitingApplicant: true };
const cd50: ClockDefinition = { unit: 'calendarDays', length: 50, kind: 'target', stopsWhileAwaitingApplicant: true };

const state = (startedOn: string | null, patch: Partial<ClockState> = {}): ClockState => ({
  startedOn,
  stops: [],
  extensions: [],
  ...patch,
});

describe('computeClock — basics', () => {
  it('is notStarted without a complete application', () => {
    const c = computeClock(dkma, state(null), '2025-01-10', cal);
    expect(c).toMatchObject({ status: 'notStarted', running: false, dueOn: null, elapsed: 0, percentUsed: 0 });
  });

  it('DKMA 90 calendar days from the complete application', () => {
    const c = computeClock(dkma, state('2025-01-10'), '2025-01-20', cal);
    expect(c).toMatchObject({ dueOn: '2025-04-10', elapsed: 10, remaining: 80, status: 'onTrack', running: true });
    expect(c.countingUnit).toBe('calendarDays');
  });

  it('the start day itself is not counted', () => {
    expect(computeClock(dkma, state('2025-01-10'), '2025-01-10', cal).elapsed).toBe(0);
  });

  it('business-day clock counts business days only', () => {
    const c = computeClock(bd20, state('2025-03-03'), '2025-03-10', cal);
    expect(c).toMatchObject({ dueOn: '2025-03-31', elapsed: 5, remaining: 15, countingUnit: 'businessDays' });
  });

  it('business-day clock across Easter 2025', () => {
    const c = computeClock(bd20, state('2025-04-14'), '2025-04-22', cal);
    // 15, 16, 22 April count; Skærtorsdag to 2. påskedag do not.
    expect(c.elapsed).toBe(3);
    expect(c.dueOn).toBe(cal.addBusinessDays('2025-04-14', 20));
  });

  it('week clock: 8 weeks end on the same weekday', () => {
    const def: ClockDefinition = { unit: 'weeks', length: 8, kind: 'target', stopsWhileAwaitingApplicant: true };
    expect(computeClock(def, state('2025-03-03'), '2025-03-03', cal).dueOn).toBe('2025-04-28');
  });

  it('month clock is clamped to the month end', () => {
    const def: ClockDefinition = { unit: 'months', length: 1, kind: 'target', stopsWhileAwaitingApplicant: true };
    expect(computeClock(def, state('2025-01-31'), '2025-02-01', cal).dueOn).toBe('2025-02-28');
  });

  it('target dates are not rolled to business days', () => {
    // 2025-01-05 + 90 days = Sunday 2025-04-05
    expect(computeClock(dkma, state('2025-01-05'), '2025-01-06', cal).dueOn).toBe('2025-04-05');
  });
});

describe('computeClock — stops', () => {
  it('an info request moves a business-day due date by exactly the stopped business days', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'awaitingApplicant', from: '2025-03-07', to: '2025-03-14' }] });
    const c = computeClock(bd20, s, '2025-03-17', cal);
    expect(c.dueOn).toBe('2025-04-07');
    expect(cal.businessDaysBetween(c.nominalDueOn as string, c.dueOn as string)).toBe(5);
    expect(c.stoppedUnits).toBe(5);
    // (3 Mar, 17 Mar] has 10 business days; 5 were stopped.
    expect(c.elapsed).toBe(5);
    expect(c.status).toBe('onTrack');
  });

  it('DKMA: 14 stopped calendar days move the 90-day deadline by 14 days', () => {
    const s = state('2025-01-10', { stops: [{ reason: 'awaitingApplicant', from: '2025-02-03', to: '2025-02-17' }] });
    expect(computeClock(dkma, s, '2025-03-01', cal).dueOn).toBe('2025-04-24');
  });

  it('overlapping stops are not double counted', () => {
    const s = state('2025-03-03', {
      stops: [
        { reason: 'awaitingApplicant', from: '2025-03-07', to: '2025-03-14' },
        { reason: 'hearing', from: '2025-03-12', to: '2025-03-19' },
      ],
    });
    const c = computeClock(bd20, s, '2025-03-20', cal);
    expect(c.stoppedUnits).toBe(8);
    expect(c.dueOn).toBe('2025-04-10');
  });

  it('a stop contained in another changes nothing', () => {
    const outer = { reason: 'awaitingApplicant' as const, from: '2025-03-07', to: '2025-03-14' };
    const a = computeClock(bd20, state('2025-03-03', { stops: [outer] }), '2025-03-20', cal);
    const b = computeClock(
      bd20,
      state('2025-03-03', { stops: [outer, { reason: 'hearing', from: '2025-03-10', to: '2025-03-11' }] }),
      '2025-03-20',
      cal,
    );
    expect(b.dueOn).toBe(a.dueOn);
  });

  it('a zero-length stop (from = to) changes nothing', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'awaitingApplicant', from: '2025-03-07', to: '2025-03-07' }] });
    expect(computeClock(bd20, s, '2025-03-10', cal).dueOn).toBe('2025-03-31');
  });

  it('a stop after the due date does not move it', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'awaitingApplicant', from: '2025-04-02', to: '2025-04-10' }] });
    expect(computeClock(bd20, s, '2025-04-15', cal).dueOn).toBe('2025-03-31');
  });

  it('statutory clock ignores stops its statute does not allow (hearing)', () => {
    const s = state('2025-01-10', { stops: [{ reason: 'hearing', from: '2025-02-03', to: '2025-02-17' }] });
    expect(computeClock(dkma, s, '2025-03-01', cal).dueOn).toBe('2025-04-10');
    expect(allowedStopReasons(dkma)).toEqual(['awaitingApplicant']);
  });

  it('awaitingApplicant does not stop a clock without stopsWhileAwaitingApplicant', () => {
    const def: ClockDefinition = { ...cd50, stopsWhileAwaitingApplicant: false };
    const s = state('2025-01-01', { stops: [{ reason: 'awaitingApplicant', from: '2025-01-05', to: '2025-01-15' }] });
    expect(computeClock(def, s, '2025-01-20', cal).dueOn).toBe('2025-02-20');
    expect(allowedStopReasons(def)).not.toContain('awaitingApplicant');
  });

  it('otherStopReasons narrows the reasons of a target clock', () => {
    const def: ClockDefinition = { ...cd50, otherStopReasons: ['legalAction'] };
    const s = state('2025-01-01', { stops: [{ reason: 'hearing', from: '2025-01-05', to: '2025-01-15' }] });
    expect(computeClock(def, s, '2025-01-20', cal).dueOn).toBe('2025-02-20');
  });

  it('an open stop freezes the clock and projects dueOn as if the stop ended today', () => {
    const s = state('2025-01-10', { stops: [{ reason: 'awaitingApplicant', from: '2025-02-03', to: null }] });
    const c = computeClock(dkma, s, '2025-02-10', cal);
    expect(c).toMatchObject({ status: 'stopped', running: false, dueOnIsProjected: true, elapsed: 24, pausedBy: ['awaitingApplicant'] });
    expect(c.dueOn).toBe('2025-04-17');
    // One day later: elapsed unchanged, due date one day later.
    const next = computeClock(dkma, s, '2025-02-11', cal);
    expect(next.elapsed).toBe(24);
    expect(next.dueOn).toBe('2025-04-18');
  });

  it('pausedBy lists distinct applicable reasons in a stable order', () => {
    const s = state('2025-01-01', {
      stops: [
        { reason: 'hearing', from: '2025-01-05', to: null },
        { reason: 'awaitingApplicant', from: '2025-01-06', to: '2025-01-20' },
        { reason: 'hearing', from: '2025-01-07', to: null },
      ],
    });
    expect(computeClock(cd50, s, '2025-01-10', cal).pausedBy).toEqual(['awaitingApplicant', 'hearing']);
  });

  it('the clock runs again from the day a stop ends', () => {
    const s = state('2025-01-10', { stops: [{ reason: 'awaitingApplicant', from: '2025-02-03', to: '2025-02-17' }] });
    expect(computeClock(dkma, s, '2025-02-16', cal).running).toBe(false);
    const c = computeClock(dkma, s, '2025-02-17', cal);
    expect(c.running).toBe(true);
    expect(c.elapsed).toBe(24);
    expect(computeClock(dkma, s, '2025-02-18', cal).elapsed).toBe(25);
  });
});

describe('computeClock — extensions', () => {
  it('extends a calendar-day clock', () => {
    const s = state('2025-01-10', { extensions: [{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays', length: 30 } }] });
    const c = computeClock(dkma, s, '2025-01-11', cal);
    expect(c.dueOn).toBe('2025-05-10');
    expect(c.totalUnits).toBe(120);
  });

  it('extends a business-day clock in business days', () => {
    const s = state('2025-03-03', { extensions: [{ reasonCode: 'X', duration: { unit: 'businessDays', length: 5 } }] });
    expect(computeClock(bd20, s, '2025-03-04', cal).dueOn).toBe('2025-04-07');
  });

  it('an extension in another unit is applied to the nominal due date', () => {
    const s = state('2025-01-10', { extensions: [{ reasonCode: 'X', duration: { unit: 'businessDays', length: 5 } }] });
    // 2025-04-10 + 5 business days over Easter = 2025-04-22
    expect(computeClock(dkma, s, '2025-01-11', cal).dueOn).toBe('2025-04-22');
  });

  it('month extensions keep the day of month', () => {
    const def: ClockDefinition = { unit: 'months', length: 1, kind: 'target', stopsWhileAwaitingApplicant: true };
    const s = state('2025-01-31', { extensions: [{ reasonCode: 'X', duration: { unit: 'months', length: 1 } }] });
    expect(computeClock(def, s, '2025-02-01', cal).dueOn).toBe('2025-03-31');
  });

  it('a stop and an extension add up', () => {
    const s = state('2025-03-03', {
      stops: [{ reason: 'awaitingApplicant', from: '2025-03-07', to: '2025-03-14' }],
      extensions: [{ reasonCode: 'X', duration: { unit: 'businessDays', length: 5 } }],
    });
    expect(computeClock(bd20, s, '2025-03-04', cal).dueOn).toBe(cal.addBusinessDays('2025-03-31', 10));
  });
});

describe('computeClock — status', () => {
  const s = state('2025-01-01');
  it('onTrack below 80 %', () => {
    expect(computeClock(cd50, s, '2025-02-09', cal)).toMatchObject({ status: 'onTrack', elapsed: 39 });
  });
  it('atRisk from 80 %', () => {
    expect(computeClock(cd50, s, '2025-02-10', cal)).toMatchObject({ status: 'atRisk', elapsed: 40, percentUsed: 80 });
  });
  it('atRisk (not breached) on the due date', () => {
    expect(computeClock(cd50, s, '2025-02-20', cal)).toMatchObject({ status: 'atRisk', remaining: 0, dueOn: '2025-02-20' });
  });
  it('breached the day after the due date', () => {
    expect(computeClock(cd50, s, '2025-02-21', cal)).toMatchObject({ status: 'breached', overrun: 1, percentUsed: 102 });
  });
  it('a custom atRiskAt', () => {
    expect(computeClock(cd50, s, '2025-02-05', cal, { atRiskAt: 0.7 }).status).toBe('atRisk');
  });
  it('a business-day clock is breached on the Saturday after a Friday due date', () => {
    const def: ClockDefinition = { ...bd20, length: 4 };
    const c = computeClock(def, state('2025-03-03'), '2025-03-08', cal);
    expect(c.dueOn).toBe('2025-03-07');
    expect(c.status).toBe('breached');
  });
  it('a clock ended in time (stoppedAt) is stopped, frozen, not breached later', () => {
    const c = computeClock(bd20, state('2025-03-03', { stoppedAt: '2025-03-20' }), '2025-06-01', cal);
    expect(c).toMatchObject({ status: 'stopped', running: false, elapsed: 13 });
  });
  it('a clock ended after its due date stays breached', () => {
    expect(computeClock(bd20, state('2025-03-03', { stoppedAt: '2025-04-02' }), '2025-06-01', cal).status).toBe('breached');
  });
  it('a breached clock stays breached while paused', () => {
    const st = state('2025-01-01', { stops: [{ reason: 'awaitingApplicant', from: '2025-03-01', to: null }] });
    expect(computeClock(cd50, st, '2025-03-05', cal).status).toBe('breached');
  });
});

describe('computeClock — validation', () => {
  it('rejects a stop that ends before it begins', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'awaitingApplicant', from: '2025-03-10', to: '2025-03-07' }] });
    expect(() => computeClock(bd20, s, '2025-03-20', cal)).toThrow(InvalidStopError);
    expect(() => computeClock(bd20, s, '2025-03-20', cal)).toThrow(expect.objectContaining({ code: 'CLOCK.INVALID_STOP' }));
  });
  it('rejects a stop before the clock started', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'hearing', from: '2025-03-01', to: '2025-03-07' }] });
    expect(() => computeClock(bd20, s, '2025-03-20', cal)).toThrow(InvalidStopError);
  });
  it('rejects an unknown stop reason', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'lunch' as never, from: '2025-03-04', to: '2025-03-07' }] });
    expect(() => computeClock(bd20, s, '2025-03-20', cal)).toThrow(InvalidStopError);
  });
  it('rejects stoppedAt before startedOn', () => {
    expect(() => computeClock(bd20, state('2025-03-03', { stoppedAt: '2025-03-01' }), '2025-03-20', cal)).toThrow(
      expect.objectContaining({ code: 'CLOCK.INVALID_ARGUMENT' }),
    );
  });
  it('rejects an invalid today', () => {
    expect(() => computeClock(bd20, state('2025-03-03'), '2025-3-20', cal)).toThrow(InvalidDateError);
  });
});

describe('thresholdInstants', () => {
  it('80 % warning at the start of the day it is reached; breach at the start of the day after dueOn', () => {
    const sched = thresholdInstants(cd50, state('2025-05-01'), cal);
    expect(sched.state).toBe('scheduled');
    expect(sched.dueOn).toBe('2025-06-20');
    expect(sched.thresholds).toEqual([
      { fraction: 0.8, kind: 'warning', reachedOn: '2025-06-10', at: new Date('2025-06-09T22:00:00.000Z') },
      { fraction: 1, kind: 'breach', reachedOn: '2025-06-20', at: new Date('2025-06-20T22:00:00.000Z') },
    ]);
  });

  it('agrees with computeClock on the boundary days', () => {
    const s = state('2025-03-03', { stops: [{ reason: 'awaitingApplicant', from: '2025-03-07', to: '2025-03-14' }] });
    const [warn, breach] = thresholdInstants(bd20, s, cal).thresholds;
    expect(computeClock(bd20, s, warn.reachedOn, cal).status).toBe('atRisk');
    expect(computeClock(bd20, s, cal.addBusinessDays(warn.reachedOn, -1), cal).status).toBe('onTrack');
    expect(computeClock(bd20, s, breach.reachedOn, cal).status).toBe('atRisk');
    expect(computeClock(bd20, s, '2025-04-08', cal).status).toBe('breached');
  });

  it('uses winter time before the DST switch and summer time after it', () => {
    const { thresholds } = thresholdInstants(cd50, state('2026-02-01'), cal);
    expect(thresholds[0].reachedOn).toBe('2026-03-13');
    expect(thresholds[0].at.toISOString()).toBe('2026-03-12T23:00:00.000Z');
    expect(thresholds[1].reachedOn).toBe('2026-03-23');
    expect(thresholds[1].at.toISOString()).toBe('2026-03-23T23:00:00.000Z');
    const summer = thresholdInstants(cd50, state('2026-03-01'), cal).thresholds;
    expect(summer[1].at.toISOString()).toBe('2026-04-20T22:00:00.000Z');
  });

  it('nothing to schedule when not started, paused or finished', () => {
    expect(thresholdInstants(cd50, state(null), cal).state).toBe('notStarted');
    const paused = state('2025-05-01', { stops: [{ reason: 'awaitingApplicant', from: '2025-05-05', to: null }] });
    expect(thresholdInstants(cd50, paused, cal)).toEqual({ state: 'paused', dueOn: null, thresholds: [] });
    expect(thresholdInstants(cd50, state('2025-05-01', { stoppedAt: '2025-05-10' }), cal).state).toBe('finished');
  });
});

describe('permit clocks (target + statutory)', () => {
  const defs = {
    target: { unit: 'calendarDays', length: 50, kind: 'target', stopsWhileAwaitingApplicant: true } as ClockDefinition,
    statutory: dkma,
  };
  const s = state('2025-01-10', { stops: [{ reason: 'hearing', from: '2025-01-20', to: '2025-01-30' }] });

  it('computes both; the hearing stops only the target', () => {
    const c = computePermitClocks(defs, s, '2025-02-01', cal);
    expect(c.target?.dueOn).toBe('2025-03-11');
    expect(c.statutory?.dueOn).toBe('2025-04-10');
  });

  it('schedules target warnings and the statutory breach', () => {
    const sched = permitClockSchedule(defs, s, cal);
    expect(sched.target?.thresholds.map((t) => t.kind)).toEqual(['warning', 'breach']);
    expect(sched.statutory?.thresholds).toEqual([
      { fraction: 1, kind: 'breach', reachedOn: '2025-04-10', at: new Date('2025-04-10T22:00:00.000Z') },
    ]);
  });

  it('a missing clock is null', () => {
    expect(computePermitClocks({ target: defs.target }, s, '2025-02-01', cal).statutory).toBeNull();
  });

  it('maps a catalogue ClockRule', () => {
    expect(
      clockDefinitionFromRule({ kind: 'serviceTarget', duration: { unit: 'calendarDays', length: 200 }, stopsWhileAwaitingApplicant: true }),
    ).toEqual({ unit: 'calendarDays', length: 200, kind: 'target', stopsWhileAwaitingApplicant: true });
  });
});
