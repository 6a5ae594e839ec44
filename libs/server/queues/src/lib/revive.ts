import type { Queue } from 'bullmq';

/**
 * Removes those of `jobIds` that BullMQ has in its failed set, so that re-adding them makes fresh
 * jobs: a failed job is kept under its id (removeOnFail), and a plain re-add of that id is a
 * no-op (`removable`: also `completed`, for a sweep whose work can be left undone by a job that
 * completed). Jobs that wait, are delayed (backoff) or run are left alone. Used by the sweeps that
 * re-enqueue work still pending in PostgreSQL (e-mails, webhook deliveries). Returns how many
 * were removed.
 */
export async function removeFailedJobs(queue: Pick<Queue, 'getJob'>, jobIds: readonly string[], removable: readonly ('failed' | 'completed')[] = ['failed']): Promise<number> {
  const jobs = await Promise.all(jobIds.map((id) => queue.getJob(id)));
  const states = await Promise.all(jobs.map((job) => (job ? job.getState() : 'missing')));
  const failed = jobs.filter((job, i): job is NonNullable<typeof job> => job != null && (removable as readonly string[]).includes(states[i]));
  await Promise.all(failed.map((job) => job.remove()));
  return failed.length;
}
