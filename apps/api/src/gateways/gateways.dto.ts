import { ApiProperty } from '@nestjs/swagger';
import { GATEWAYS } from '@rl/permits-catalog';

/** A permit of the case in a gateway, and whether it clears it. */
export class GatewayPermitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty({ description: 'Decided (or final, per `clearsWhen`) and not refused' }) cleared!: boolean;
}

/** One stage of the case (issue 17 item 4, catalogue `GATEWAYS`): stage status only, no permit state of another authority. */
export class GatewayDto {
  @ApiProperty({ enum: GATEWAYS.map((g) => g.id) }) id!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: ['decided', 'final'], description: 'What clears a permit in this stage: its decision, or its decision becoming final (appeal period over)' }) clearsWhen!: string;
  @ApiProperty({ description: 'Where the grouping comes from; a leading `~` marks an inference (permits-research.md §1 "Typical order")' }) source!: string;
  @ApiProperty({ enum: ['cleared', 'open', 'empty'], description: "`cleared`: every permit in it cleared; `open`; `empty`: the case needs none of its permits (withdrawn permits are left out)" }) status!: string;
  @ApiProperty({ type: [GatewayPermitDto], description: "The case's current, not withdrawn permits in this stage" }) permits!: GatewayPermitDto[];
}
