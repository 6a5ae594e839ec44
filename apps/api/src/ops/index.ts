export { OpsModule } from './ops.module';
export { QueueRegistry } from './queue-registry';
export { MetricsService } from './metrics.service';
export { httpMetricsMiddleware } from './http-metrics';
export { BULL_BOARD_HELMET, BULL_BOARD_PATH, isBullBoardPath } from './bull-board';
export { MetricsServer } from './metrics-server';
