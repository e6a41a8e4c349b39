import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PG_INT_MAX } from '@mend/shared/server';
import { INTERVIEW_MODES, INTERVIEW_OUTCOMES } from '@mend/shared/contracts';
import type {
  AcknowledgeAlertRequest,
  Answers,
  CloseJointWorkRequest,
  InterviewMode,
  InterviewOutcome,
  RecordInterviewRequest,
  SafetySettingsRequest,
  SaveSafetyCheckRequest,
} from '@mend/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SaveSafetyCheckDto implements SaveSafetyCheckRequest {
  @ApiProperty({ description: 'Answers keyed by question key' })
  @IsObject({ message: 'answers must be an object of answers by question.' })
  answers!: Answers;

  @ApiProperty({ description: 'The version that was read' })
  @Max(PG_INT_MAX, { message: 'version must be the check’s version number.' })
  @Min(0)
  @IsInt({ message: 'version must be the check’s version number.' })
  version!: number;
}

export class AskAgainDto {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose the member.' })
  clientId!: string;
}

export class RecordInterviewDto implements RecordInterviewRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose the member.' })
  clientId!: string;

  @ApiProperty({ example: '2026-11-30' })
  @Length(10, 10, { message: 'Use a date (YYYY-MM-DD).' })
  @IsISO8601({ strict: true }, { message: 'Use a date (YYYY-MM-DD).' })
  heldOn!: string;

  @ApiProperty({ enum: INTERVIEW_MODES })
  @IsIn(INTERVIEW_MODES, { message: 'Say how you met: in person, video or phone.' })
  mode!: InterviewMode;

  @ApiProperty({ enum: INTERVIEW_OUTCOMES })
  @IsIn(INTERVIEW_OUTCOMES, {
    message: 'Choose the outcome: cleared, not cleared, or individual work first.',
  })
  outcome!: InterviewOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(10_000)
  @IsString()
  @Transform(trim)
  note?: string;
}

export class CloseJointWorkDto implements CloseJointWorkRequest {
  @ApiProperty()
  @MaxLength(2000)
  @IsString()
  @IsNotEmpty({ message: 'Say why joint work is closed (only the case’s counselors read it).' })
  @Transform(trim)
  reason!: string;
}

export class SafetySettingsDto implements SafetySettingsRequest {
  @ApiProperty({ minimum: 1, maximum: 52 })
  @Max(52, { message: 'Ask again at least once a year (at most 52 weeks).' })
  @Min(1, { message: 'Use at least 1 week.' })
  @IsInt({ message: 'Use a whole number of weeks.' })
  recheckWeeks!: number;
}

export class AcknowledgeAlertDto implements AcknowledgeAlertRequest {
  @ApiProperty()
  @MaxLength(4000)
  @IsString()
  @IsNotEmpty({ message: 'Write a short follow-up note: what you did or will do.' })
  @Transform(trim)
  followUp!: string;
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ description: 'Only alerts still waiting (default true)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'open is true or false.' })
  open?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a case id.' })
  caseId?: string;
}
