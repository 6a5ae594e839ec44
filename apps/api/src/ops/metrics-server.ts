import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { scrapeAllowed } from './metrics-access';
import { MetricsService } from './metrics.service';

/**
 * With METRICS_PORT set, GET /metrics is served by this separate plain HTTP server on
 * METRICS_HOST:METRICS_PORT (an internal address Prometheus reaches, never published), and the
 * API port has no /metrics. METRICS_TOKEN, when set, is checked here too.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where it listens (undefined when METRICS_PORT is unset). */
  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: this port serves GET /metrics only.\n');
        return;
      }
      if (!scrapeAllowed(req, this.config.METRICS_TOKEN)) {
        res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="metrics"' }).end('Unauthorized\n');
        return;
      }
      this.metrics.scrape().then(
        ({ contentType, body }) => res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body),
        (e: Error) => {
          this.logger.error(`scrape failed: ${e.message}`);
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end('scrape failed\n');
        },
      );
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.server = server;
    const a = this.address();
    this.logger.log(`GET /metrics served on http://${a?.address}:${a?.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
