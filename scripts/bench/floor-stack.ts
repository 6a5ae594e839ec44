/**
 * The stack floor of bench step (a) (issue 20 item 1): the floor's statements and write set
 * (./floor-core.js) on the product's fixed stack — NestJS on Express (a controller, `@Body()` parsed
 * by Nest's JSON body parser, the status set through the Express response), TypeORM's DataSource
 * and transaction, and the product's named prepared statements (`preparedQuery` of @rl/db) —
 * with none of the product's own code: no guards, middleware, validation, machine, clocks,
 * texts or worker. The bare floor (./floor.js) minus this is what the stack costs; this minus the
 * product is what the product's own code costs. Same routes and answers as ./floor.js.
 *
 *   DATABASE_URL=postgres://… PORT=… FLOOR_TEMPLATE='{…}' SWC_NODE_PROJECT=tsconfig.base.json \
 *     node -r @swc-node/register scripts/bench/floor-stack.ts
 */
import 'reflect-metadata';
import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@rl/db';
import { floorTransition, READ_SQL, USER_SQL, type FloorAnswer, type FloorDb } from './floor-core';

/** Thrown inside TypeORM's transaction() to roll back a non-2xx answer, caught outside it. */
class RolledBack {
  constructor(readonly answer: FloorAnswer) {}
}

const template: unknown = JSON.parse(process.env.FLOOR_TEMPLATE || '{}');

@Controller('api/v1')
class FloorController {
  constructor(private readonly ds: DataSource) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Post('permits/:id/events')
  @HttpCode(200)
  async event(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const db: FloorDb = {
      readUser: async (sub) => (await preparedQuery<Record<string, unknown>>(this.ds, USER_SQL, [sub])).rows[0],
      inTransaction: async (fn) => {
        try {
          return await this.ds.transaction(async (m: EntityManager) => {
            const answer = await fn((_name, text, values) => preparedQuery<Record<string, unknown>>(m, text, values));
            if (answer[0] >= 300) throw new RolledBack(answer);
            return answer;
          });
        } catch (e) {
          if (e instanceof RolledBack) return e.answer;
          throw e;
        }
      },
    };
    const [status, out] = await floorTransition(db, template, id, ifMatch, authorization, JSON.stringify(body));
    res.status(status);
    return out;
  }

  @Get('permits/:id')
  async read(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const row = (await preparedQuery(this.ds, READ_SQL, [id])).rows[0];
    res.status(row ? 200 : 404);
    return row ?? { code: 'PERMIT.NOT_FOUND' };
  }
}

async function main(): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, extra: { max: Number(process.env.FLOOR_POOL || 10) } });
  await ds.initialize();
  @Module({ controllers: [FloorController], providers: [{ provide: DataSource, useValue: ds }] })
  class FloorModule {}
  const app = await NestFactory.create<NestExpressApplication>(FloorModule, { logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  const stop = () => {
    void app.close().then(() => ds.destroy().then(() => process.exit(0)));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
