import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../documents/pagination.dto';

/** The user who made a timeline entry. */
export class TimelineActorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'Display name' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: "The actor's own organisation (e.g. a consultancy acting under a fuldmagt) when a company-side user acted; null otherwise" })
  organisationName!: string | null;
}

/** The company a company-side user acted for (issue 14 point 6: who acted for whom). */
export class TimelineOnBehalfOfDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** One entry of a case's audit trail: who did what, when (a workflow transition or another audited act). */
export class TimelineEntryDto {
  @ApiProperty({ type: 'integer', description: 'The entry number (ascending: the order of the trail)' }) id!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The permit the entry is about; null for a case-level entry' }) permitId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'MILJOEGODKENDELSE', description: 'Null for a case-level entry' }) permitCode!: string | null;
  @ApiPropertyOptional({ description: "The permit type's Danish name; only on a permit's entry whose code the case's catalogue version knows" }) permitNameDa?: string;
  @ApiPropertyOptional({ description: "The permit type's English name; only on a permit's entry whose code the case's catalogue version knows" }) permitNameEn?: string;
  @ApiProperty({ type: TimelineActorDto, nullable: true, description: 'Null when the system acted (no user)' }) actor!: TimelineActorDto | null;
  @ApiProperty({ example: 'caseworker', description: 'The role the entry was made in: applicant, caseworker, coordinator, admin, or system' }) actorRole!: string;
  @ApiProperty({ type: TimelineOnBehalfOfDto, nullable: true, description: "The company whose case it is, when a company-side user acted; null otherwise" }) onBehalfOf!: TimelineOnBehalfOfDto | null;
  @ApiProperty({ example: 'authority.infoRequested' }) eventType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The state before a transition; null when the entry is not one' }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The state after a transition; null when the entry is not one' }) toState!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's details; their fields depend on eventType" }) payload!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: string;
}

/** A page of a case's audit trail, oldest first. */
export class TimelinePageDto extends PageOf(TimelineEntryDto) {}
