import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueRegistry } from './queue-registry';

export const METRICS_PREFIX = 'rodlober_';
/** Job states reported per queue (BullMQ getJobCounts types). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export const DEADLINE_THRESHOLDS = ['warning', 'breach'] as const;
/** A scrape never waits longer than this for Redis or PostgreSQL per source. */
const SOURCE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${SOURCE_TIMEOUT_MS} ms`)), SOURCE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The api's Prometheus registry (a dedicated one, never prom-client's global default, so
 * several app instances in one process do not collide). Gauges are filled at scrape time
 * from BullMQ and PostgreSQL; a source that fails or does not exist yet is left out of the
 * scrape instead of failing it.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly queues: QueueRegistry,
    private readonly ds: DataSource,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });

    this.httpRequests = new Counter({
      name: `${METRICS_PREFIX}http_requests_total`,
      help: 'HTTP requests by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: `${METRICS_PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration in seconds by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });

    /** A gauge filled at scrape time by `collect`. */
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], collect: (g: Gauge<L>) => Promise<void>): void => {
      const g: Gauge<L> = new Gauge({ name: `${METRICS_PREFIX}${name}`, help, labelNames, registers, collect: () => collect(g) });
    };
    gauge('queue_jobs', 'BullMQ jobs per queue and state (read at scrape time).', ['queue', 'state'], (g) => this.collectQueueJobs(g));
    gauge('permits', 'Permits by state group (first segment of the state) and risk.', ['state_group', 'risk'], (g) => this.collectPermits(g));
    gauge('outbox_unsent', 'Outbox rows not yet relayed to BullMQ (NaN when PostgreSQL could not be read).', [], (g) => this.collectOutbox(g));
    gauge('deadline_alerts_total', 'Deadline alerts fired so far, by threshold (from PostgreSQL, the source of truth).', ['threshold'], (g) => this.collectDeadlineAlerts(g));
    // Coordination KPIs (the dashboard's numbers): median processing days (complete
    // application → decision) and the share decided within target, per permit type; open
    // permits by authority and risk. prom-client collects all metrics concurrently: each gauge
    // runs its own query.
    gauge('permit_processing_days_median', 'Median calendar days from complete application to decision, per permit type.', ['permit_type'], (g) => this.collectKpi(g, 'median'));
    gauge('permits_decided_within_target_ratio', 'Share of decided permits decided on or before their target date, per permit type.', ['permit_type'], (g) => this.collectKpi(g, 'within'));
    gauge('open_permits', 'Permits being processed, by deciding authority and risk.', ['authority', 'risk'], (g) => this.collectOpenByAuthority(g));
  }

  private async collectKpi(gauge: Gauge<'permit_type'>, kpi: 'median' | 'within'): Promise<void> {
    gauge.reset();
    const rows = await this.query<{ code: string; median: number | null; within: number | null }>(
      'permits',
      `SELECT code,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (decided_at AT TIME ZONE 'Europe/Copenhagen')::date - complete_on)
                FILTER (WHERE decided_at IS NOT NULL AND complete_on IS NOT NULL) AS median,
              avg(CASE WHEN (decided_at AT TIME ZONE 'Europe/Copenhagen')::date <= target_due_on THEN 1.0 ELSE 0.0 END)
                FILTER (WHERE decided_at IS NOT NULL AND target_due_on IS NOT NULL) AS within
         FROM permits GROUP BY code`,
    );
    for (const r of rows ?? []) {
      const v = r[kpi];
      if (v !== null) gauge.set({ permit_type: r.code }, Number(v));
    }
  }

  private async collectOpenByAuthority(gauge: Gauge<'authority' | 'risk'>): Promise<void> {
    gauge.reset();
    const rows = await this.query<{ code: string; risk: string; n: number }>(
      'permits',
      `SELECT a.code, p.risk, count(*)::int AS n FROM permits p JOIN authorities a ON a.id = p.authority_id
        WHERE p.state LIKE 'submitted%' GROUP BY 1, 2`,
    );
    for (const r of rows ?? []) gauge.set({ authority: r.code, risk: r.risk }, r.n);
  }

  private async collectQueueJobs(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    gauge.reset();
    await Promise.all(
      this.queues.all().map(async (q) => {
        try {
          const counts = await withTimeout(q.getJobCounts(...QUEUE_STATES), `job counts of ${q.name}`);
          for (const state of QUEUE_STATES) gauge.set({ queue: q.name, state }, counts[state] ?? 0);
        } catch (e) {
          this.logger.warn(`queue ${q.name} left out of the scrape: ${(e as Error).message}`);
        }
      }),
    );
  }

  private async collectPermits(gauge: Gauge<'state_group' | 'risk'>): Promise<void> {
    gauge.reset();
    const rows = await this.query<{ state_group: string; risk: string; n: number }>(
      'permits',
      `SELECT split_part(state, '.', 1) AS state_group, risk, count(*)::int AS n FROM permits GROUP BY 1, 2`,
    );
    for (const r of rows ?? []) gauge.set({ state_group: r.state_group, risk: r.risk }, r.n);
  }

  /** An unlabelled gauge cannot be left out: NaN says "unknown" instead of a false 0. */
  private async collectOutbox(gauge: Gauge): Promise<void> {
    const rows = await this.query<{ n: number }>('outbox', `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
    gauge.set(rows?.[0] ? rows[0].n : Number.NaN);
  }

  private async collectDeadlineAlerts(gauge: Gauge<'threshold'>): Promise<void> {
    gauge.reset();
    const rows = await this.query<{ threshold: string; n: number }>(
      'deadline_alerts',
      `SELECT threshold, count(*)::int AS n FROM deadline_alerts WHERE fired_at IS NOT NULL GROUP BY threshold`,
    );
    if (!rows) return;
    for (const t of DEADLINE_THRESHOLDS) gauge.set({ threshold: t }, 0);
    for (const r of rows) gauge.set({ threshold: r.threshold }, r.n);
  }

  /** Prometheus text exposition. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Rows of a scrape query, or undefined when the table does not exist (yet) or the query fails. */
  async query<T>(table: string, sql: string): Promise<T[] | undefined> {
    try {
      const [{ exists }] = await withTimeout(this.ds.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]), `lookup of ${table}`);
      if (!exists) return undefined;
      return await withTimeout(this.ds.query(sql), `metrics query on ${table}`);
    } catch (e) {
      this.logger.warn(`${table} left out of the scrape: ${(e as Error).message}`);
      return undefined;
    }
  }
}
