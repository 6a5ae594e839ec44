import { Module, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { gatewaysOf } from '@rl/permits-catalog';
import { AccessModule, AccessService } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { Endpoint, uuidParam } from '../common/endpoint';
import { GatewayDto } from './gateways.dto';

const ROW = z.object({ id: z.string(), code: z.string(), state: z.string(), outcome: z.string().nullable() });

/**
 * Gateways (issue 17 item 4): the optional stage view over the dependency graph — plan →
 * environment → construction → operation (catalogue `GATEWAYS`, an inference from the typical
 * order, marked). A gateway clears when every permit in it is decided (or final, per the
 * catalogue). Stage status only: no permit state of another authority is shown in it.
 */
@BearerController('insight')
export class GatewaysController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  @Endpoint('GET', 'cases/:id/gateways', {
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: 'The case as stages (plan → environment → construction → operation): each cleared when every permit in it is decided, or final where the catalogue says so',
    params: [uuidParam('id', 'Case id')],
    ok: { type: [GatewayDto] },
    problems: ['CASE.NOT_FOUND'],
  })
  async gateways(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.access.assertCaseVisible(p, id);
    const permits = await queryRows(this.ds, ROW, sql`SELECT id, code, state, outcome FROM permits WHERE case_id = ${id} AND superseded_by IS NULL ORDER BY created_at, code`);
    return gatewaysOf(permits);
  }
}

@Module({ imports: [AccessModule], controllers: [GatewaysController] })
export class GatewaysModule {}
