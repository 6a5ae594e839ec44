import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { getCatalog, listCatalogVersions } from '@rl/permits-catalog';

import { BULL_BOARD_PATH } from './bull-board';
import { QueueRegistry } from './queue-registry';
import { AdminController, Endpoint } from '../common/endpoint';

export class CatalogVersionDto {
  @ApiProperty({ example: '2025.1' }) version!: string;
  @ApiProperty() validFrom!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validTo!: string | null;
  @ApiProperty() permitTypes!: number;
  @ApiProperty({ description: 'The version new cases use' }) current!: boolean;
}

export class QueueHealthDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'false when Redis did not answer' }) reachable!: boolean;
  @ApiProperty() waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() completed!: number;
}

export class AdminOverviewDto {
  @ApiProperty({ type: [CatalogVersionDto] }) catalogVersions!: CatalogVersionDto[];
  @ApiProperty({ type: [QueueHealthDto] }) queues!: QueueHealthDto[];
  @ApiProperty({ example: '/admin/queues', description: 'Bull Board (admin token as Bearer, or ?token= once)' }) queueDashboard!: string;
}

/** Issue 19: the admin page's catalogue versions and queue health (BullMQ job counts per queue). */
@AdminController('admin/overview')
export class AdminOverviewController {
  constructor(private readonly queues: QueueRegistry) {}

  @Endpoint('GET', '/', { summary: 'Catalogue versions and queue health for the admin page', ok: { type: AdminOverviewDto } })
  async overview(): Promise<AdminOverviewDto> {
    const current = getCatalog().version;
    const catalogVersions = listCatalogVersions().map((v) => ({
      version: v.version,
      validFrom: String(v.validFrom),
      validTo: v.validTo ? String(v.validTo) : null,
      permitTypes: getCatalog(v.version).permitTypes.length,
      current: v.version === current,
    }));
    const queues = await Promise.all(
      this.queues.all().map(async (q) => {
        try {
          const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          return { name: q.name, reachable: true, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
        } catch {
          return { name: q.name, reachable: false, waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
        }
      }),
    );
    return { catalogVersions, queues, queueDashboard: BULL_BOARD_PATH };
  }
}
