import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';
import { BULL_BOARD_PATH, isBullBoardPath } from './bull-board';

/**
 * Route label with low cardinality: the Express route pattern (`/api/v1/cases/:id`), never
 * the raw URL. Bull Board requests share one label; anything that matched no route is
 * `unmatched` (404s, body-parser rejections before routing, …).
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>): string {
  if (isBullBoardPath((req.originalUrl ?? '').split('?')[0])) return `${BULL_BOARD_PATH}/*`;
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}` || '/';
  return 'unmatched';
}

/** Express middleware counting every response (also 401/403 from guards and 404s). */
export function httpMetricsMiddleware(metrics: Pick<MetricsService, 'httpRequests' | 'httpDuration'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
