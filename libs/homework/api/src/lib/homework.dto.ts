import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
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
  ValidateIf,
} from 'class-validator';
import { ASSIGNMENT_TARGETS, RECURRENCES } from '@mend/shared/contracts';
import type {
  Answers,
  AssignExerciseRequest,
  AssignmentTarget,
  FeedbackRequest,
  Recurrence,
  ReopenHomeworkRequest,
  SaveDraftRequest,
} from '@mend/shared/contracts';
import { PageQueryDto, PG_INT_MAX } from '@mend/shared/server';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = { message: 'Use a date (YYYY-MM-DD).' };

export class AssignExerciseDto implements AssignExerciseRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose an exercise.' })
  exerciseId!: string;

  @ApiProperty({ enum: ASSIGNMENT_TARGETS })
  @IsIn(ASSIGNMENT_TARGETS, { message: 'Choose one member, each member, or the members together.' })
  target!: AssignmentTarget;

  @ApiPropertyOptional({ description: 'For target "member"' })
  @ValidateIf((o: AssignExerciseDto) => o.target === 'member')
  @IsUUID('all', { message: 'Choose the member.' })
  memberId?: string;

  @ApiProperty({ example: '2026-11-27' })
  @Length(10, 10, DATE)
  @IsISO8601({ strict: true }, DATE)
  dueOn!: string;

  @ApiProperty({ enum: RECURRENCES })
  @IsIn(RECURRENCES, { message: 'Choose once, daily, weekly or every 2 weeks.' })
  recurrence!: Recurrence;

  @ApiPropertyOptional({ description: 'Last due date of a daily or weekly assignment' })
  @ValidateIf((o: AssignExerciseDto) => o.recurrence !== 'once' || o.until !== undefined)
  @Length(10, 10, DATE)
  @IsISO8601({ strict: true }, { message: 'Say until when it repeats (YYYY-MM-DD).' })
  until?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(4000)
  @IsString()
  @Transform(trim)
  instructions?: string;

  @ApiPropertyOptional({ description: 'Assign an exercise from a later stage than the case’s' })
  @IsOptional()
  @IsBoolean({ message: 'confirmLaterStage is true or false.' })
  confirmLaterStage?: boolean;
}

export class ReopenDto implements ReopenHomeworkRequest {
  @ApiProperty({ description: 'What to revise: the client sees it with the homework' })
  @MaxLength(4000)
  @IsString()
  @IsNotEmpty({ message: 'Say what to revise: the client sees it with the homework.' })
  @Transform(trim)
  reason!: string;
}

export class SaveDraftDto implements SaveDraftRequest {
  @ApiProperty({ description: 'Answers keyed by field key' })
  @IsObject({ message: 'answers must be an object of answers by question.' })
  answers!: Answers;

  @ApiProperty({ description: 'The version of the response that was read' })
  @Max(PG_INT_MAX, { message: 'version must be the response’s version number.' })
  @Min(0)
  @IsInt({ message: 'version must be the response’s version number.' })
  version!: number;
}

export class FeedbackDto implements FeedbackRequest {
  @ApiProperty()
  @MaxLength(10_000)
  @IsString()
  @IsNotEmpty({ message: 'Write something first.' })
  @Transform(trim)
  body!: string;
}

export class MyHomeworkQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['due', 'overdue', 'done', 'shared'], default: 'due' })
  @IsOptional()
  @IsIn(['due', 'overdue', 'done', 'shared'])
  view: 'due' | 'overdue' | 'done' | 'shared' = 'due';
}

export class ProgressSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 10, description: 'Points apart that flag the partners' })
  @Max(10, { message: 'Use a gap of 1 to 10 points.' })
  @Min(1, { message: 'Use a gap of 1 to 10 points.' })
  @IsInt({ message: 'Use a whole number of points.' })
  gapThreshold!: number;
}
