import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthModule } from '../auth';
import { TokenService } from '../auth/token.service';
import { UserDirectory } from '../auth/user-directory.service';
import { adminOnly } from './admin-auth';
import { AdminOverviewController } from './admin-overview.controller';
import { BULL_BOARD_PATH, bullBoardRouter } from './bull-board';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';
import { QueueRegistry } from './queue-registry';

/**
 * Operations: producer-side BullMQ queues, GET /metrics (Prometheus; on the API port behind
 * METRICS_TOKEN, or on the internal METRICS_PORT by MetricsServer) and the Bull Board
 * dashboard at /admin/queues (admins only). Bull Board is plain Express middleware mounted
 * in onModuleInit, i.e. after the app-wide middleware of createApp (helmet, …) and Nest's
 * routes, and before Nest's 404 handler; the global AuthGuard never sees it, so it has its
 * own admin check.
 */
@Module({
  imports: [AuthModule],
  controllers: [MetricsController, AdminOverviewController],
  providers: [QueueRegistry, MetricsService, MetricsServer],
  exports: [QueueRegistry, MetricsService],
})
export class OpsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly tokens: TokenService,
    private readonly directory: UserDirectory,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    if (!http) return; // application context without HTTP (scripts)
    http.use(BULL_BOARD_PATH, adminOnly(this.tokens, this.directory), bullBoardRouter(this.queues.all()));
  }
}
