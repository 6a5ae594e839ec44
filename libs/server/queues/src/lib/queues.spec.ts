import { JOB_DEADLINE_ALERT, JOB_HEARTBEAT, QUEUE_NAMES, QUEUES, type QueueName, jobId } from '../index';

describe('QUEUES', () => {
  it('has stable, distinct names without ":"', () => {
    expect(QUEUES).toEqual({
      outbox: 'outbox-events',
      tasks: 'authority-tasks',
      deadlines: 'deadlines',
      notifications: 'notifications',
      maintenance: 'maintenance',
      webhooks: 'webhooks',
    });
    expect(new Set(QUEUE_NAMES).size).toBe(6);
    expect(QUEUE_NAMES.every((n) => !n.includes(':'))).toBe(true);
    const n: QueueName = QUEUES.deadlines;
    expect(n).toBe('deadlines');
    expect([JOB_DEADLINE_ALERT, JOB_HEARTBEAT]).toEqual(['DEADLINE_ALERT', 'HEARTBEAT']);
  });
});

describe('jobId', () => {
  it("joins parts with '-'", () => {
    expect(jobId('alert', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'target', 'warning')).toBe('alert-7c9e6679-7425-40de-944b-e07fc1f90ae7-target-warning');
    expect(jobId('outbox', 42)).toBe('outbox-42');
    expect(jobId('single')).toBe('single');
    expect(jobId(0)).toBe('0');
  });
  it("throws when a part contains ':'", () => {
    expect(() => jobId('alert', 'a:b')).toThrow(/':'/);
    expect(() => jobId('2026-01-01T10:00:00Z')).toThrow(/part 0/);
  });
  it('throws on no parts, empty parts and non-finite numbers', () => {
    expect(() => jobId()).toThrow();
    expect(() => jobId('a', '')).toThrow(/empty/);
    expect(() => jobId('a', Number.NaN)).toThrow(/finite/);
  });
});
