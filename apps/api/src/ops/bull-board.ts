import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import type { HelmetOptions } from 'helmet';

/** Where the queue dashboard lives (outside the api/v1 prefix, product.md "REST contract"). */
export const BULL_BOARD_PATH = '/admin/queues';

export function isBullBoardPath(path: string): boolean {
  return path === BULL_BOARD_PATH || path.startsWith(`${BULL_BOARD_PATH}/`);
}

/**
 * Helmet for the dashboard: the strict defaults, relaxed just enough for the Bull Board UI
 * (inline scripts and styles, Google Fonts stylesheet, data: images).
 */
export const BULL_BOARD_HELMET: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'", "'unsafe-inline'"],
      'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
      'font-src': ["'self'", 'https://fonts.gstatic.com', 'data:'],
      'img-src': ["'self'", 'data:'],
    },
  },
};

/** The Bull Board Express app for these queues, to be mounted at {@link BULL_BOARD_PATH}. */
export function bullBoardRouter(queues: Queue[]): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Rød Løber queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}
