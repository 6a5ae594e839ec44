/** Queue names (kebab-case) and job names (SCREAMING_SNAKE). Job ids never contain ':'. */
export const QUEUE_MAINTENANCE = 'maintenance';
export const JOB_HEARTBEAT = 'HEARTBEAT';
/** Redis key the worker refreshes so operators (and /health) can see it is alive. */
export const WORKER_HEARTBEAT_KEY = 'rl-worker-heartbeat';
