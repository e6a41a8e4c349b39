import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { AuditQueryParams } from '@mend/shared/contracts';
import { PageQueryDto } from '@mend/shared/server';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = 'must be a date (YYYY-MM-DD).';

// class-validator reports the first failure per field bottom-up: the basic rule sits closest.

/** Filters of the admin's audit browser; all optional, combined with AND. */
export class AuditQueryDto extends PageQueryDto implements AuditQueryParams {
  @ApiPropertyOptional({ description: 'Events by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be an id.' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'case.opened' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  @Transform(trim)
  action?: string;

  @ApiPropertyOptional({ example: 'case' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  @Transform(trim)
  entityType?: string;

  @ApiPropertyOptional({ description: 'Events about this record' })
  @IsOptional()
  @IsUUID('all', { message: 'entityId must be an id.' })
  entityId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'From this day (UTC), inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `from ${DATE}` })
  @Length(10, 10, { message: `from ${DATE}` })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Up to this day (UTC), inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: `to ${DATE}` })
  @Length(10, 10, { message: `to ${DATE}` })
  to?: string;
}
