import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';

/** Where the queue dashboard lives (outside the api/v1 prefix, product.md "REST contract"). */
export const BULL_BOARD_PATH = '/admin/queues';

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
