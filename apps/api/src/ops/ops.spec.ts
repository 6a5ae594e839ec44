import { readCookie } from './admin-auth';
import { isBullBoardPath } from './bull-board';
import { routeLabel } from './http-metrics';
import { MetricsService } from './metrics.service';
import type { QueueRegistry } from './queue-registry';
import type { DataSource } from 'typeorm';

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; rl_admin_token=x.y.z; b=2', 'rl_admin_token')).toBe('x.y.z');
    expect(readCookie('rl_admin_token="a%2Bb"', 'rl_admin_token')).toBe('a+b');
    expect(readCookie('xrl_admin_token=1', 'rl_admin_token')).toBeUndefined();
    expect(readCookie(undefined, 'rl_admin_token')).toBeUndefined();
    expect(readCookie('rl_admin_token=%E0%A4%A', 'rl_admin_token')).toBeUndefined();
  });
});

describe('routeLabel / isBullBoardPath', () => {
  it('uses the route pattern, one label for Bull Board and "unmatched" otherwise', () => {
    expect(routeLabel({ route: { path: '/api/v1/cases/:id' }, baseUrl: '', originalUrl: '/api/v1/cases/123' } as never)).toBe('/api/v1/cases/:id');
    expect(routeLabel({ route: { path: '/api/queues/:queueName' }, baseUrl: '/admin/queues', originalUrl: '/admin/queues/api/queues/x?y=1' } as never)).toBe('/admin/queues/*');
    expect(routeLabel({ route: undefined, baseUrl: '', originalUrl: '/nope/123' } as never)).toBe('unmatched');
    expect(isBullBoardPath('/admin/queues')).toBe(true);
    expect(isBullBoardPath('/admin/queues/static/x.js')).toBe(true);
    expect(isBullBoardPath('/admin/queuesX')).toBe(false);
  });
});

describe('MetricsService', () => {
  const queues = { all: () => [] } as unknown as QueueRegistry;

  it('leaves out tables that do not exist and queries that fail, without failing the scrape', async () => {
    const ds = {
      query: jest.fn(async (sql: string, params?: unknown[]) => {
        if (sql.includes('to_regclass')) return [{ exists: params?.[0] !== 'deadline_alerts' }];
        if (sql.includes('FROM outbox')) throw new Error('boom');
        if (sql.includes('FROM permits')) return [{ state_group: 'underReview', risk: 'atRisk', n: 2 }];
        throw new Error(`unexpected ${sql}`);
      }),
    } as unknown as DataSource;
    const text = (await new MetricsService(queues, ds).scrape()).body;
    expect(text).toContain('rodlober_permits{state_group="underReview",risk="atRisk"} 2');
    expect(text).toMatch(/^rodlober_outbox_unsent nan$/im);
    expect(text).not.toMatch(/^rodlober_deadline_alerts_total\{/m);
    expect(text).toContain('# TYPE rodlober_queue_jobs gauge');
  });

  it('reports both deadline thresholds when the table exists', async () => {
    const ds = {
      query: jest.fn(async (sql: string) => {
        if (sql.includes('to_regclass')) return [{ exists: true }];
        if (sql.includes('deadline_alerts')) return [{ threshold: 'breach', n: 3 }];
        if (sql.includes('FROM outbox')) return [{ n: 4 }];
        return [];
      }),
    } as unknown as DataSource;
    const text = (await new MetricsService(queues, ds).scrape()).body;
    expect(text).toContain('rodlober_deadline_alerts_total{threshold="warning"} 0');
    expect(text).toContain('rodlober_deadline_alerts_total{threshold="breach"} 3');
    expect(text).toContain('rodlober_outbox_unsent 4');
  });
});
