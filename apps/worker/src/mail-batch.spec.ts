import { JOB_SEND_EMAIL_BATCH } from '@rl/queues';
import { mailBatchJobs } from './mail-batch';

describe('mailBatchJobs', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

  it('splits the ids into jobs of at most `size`, in order, each carrying its ids', () => {
    const jobs = mailBatchJobs(ids, 3);
    expect(jobs.map((j) => j.data.notificationIds)).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
    expect(jobs.every((j) => j.name === JOB_SEND_EMAIL_BATCH)).toBe(true);
  });

  it('derives the job id from exactly the ids it carries (same ids → same job, other ids → other job)', () => {
    const a = mailBatchJobs(ids.slice(0, 3), 50)[0].opts.jobId;
    expect(mailBatchJobs(ids.slice(0, 3), 50)[0].opts.jobId).toBe(a);
    expect(mailBatchJobs(ids.slice(0, 4), 50)[0].opts.jobId).not.toBe(a);
    expect(a).toMatch(/^mails-[0-9a-f]{40}$/);
  });

  it('makes no job for no ids and refuses a bad size', () => {
    expect(mailBatchJobs([], 5)).toEqual([]);
    expect(() => mailBatchJobs(ids, 0)).toThrow(/bad mail batch size/);
  });
});
