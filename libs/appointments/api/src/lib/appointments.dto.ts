import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPOINTMENT_AUDIENCES, SESSION_MODES } from '@mend/shared/contracts';
import type {
  AddAvailabilityExceptionRequest,
  AppointmentAudience,
  AppointmentReasonRequest,
  AppointmentScope,
  AppointmentTimeRequest,
  AvailabilityRule,
  RequestAppointmentRequest,
  SaveAvailabilityRequest,
  SessionLengths,
  SessionMode,
  Weekday,
} from '@mend/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const INSTANT = {
  message: 'Give a date and time with its offset, e.g. 2027-03-15T09:00:00-04:00.',
};
const LENGTH = { message: 'A session lasts 15 to 240 minutes.' };

export class AvailabilityRuleDto implements AvailabilityRule {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt({ message: 'weekday is 1 (Monday) to 7 (Sunday).' })
  @Min(1, { message: 'weekday is 1 (Monday) to 7 (Sunday).' })
  @Max(7, { message: 'weekday is 1 (Monday) to 7 (Sunday).' })
  weekday!: Weekday;

  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: 'Use a time like 09:00.' })
  startTime!: string;

  @ApiProperty({ example: '12:00' })
  @Matches(TIME, { message: 'Use a time like 12:00.' })
  endTime!: string;
}

export class SessionLengthsDto implements SessionLengths {
  @ApiProperty() @IsInt(LENGTH) @Min(15, LENGTH) @Max(240, LENGTH) individual!: number;
  @ApiProperty() @IsInt(LENGTH) @Min(15, LENGTH) @Max(240, LENGTH) couple!: number;
  @ApiProperty() @IsInt(LENGTH) @Min(15, LENGTH) @Max(240, LENGTH) family!: number;
}

export class SaveAvailabilityDto implements SaveAvailabilityRequest {
  @ApiProperty({ example: 'America/New_York' })
  @Length(1, 64, { message: 'Choose a time zone.' })
  @IsString({ message: 'Choose a time zone.' })
  timeZone!: string;

  @ApiProperty({ type: [AvailabilityRuleDto] })
  @IsArray({ message: 'rules must be a list of weekly windows.' })
  @ArrayMaxSize(50, { message: 'Keep to 50 weekly windows.' })
  @ValidateNested({ each: true })
  @Type(() => AvailabilityRuleDto)
  rules!: AvailabilityRuleDto[];

  @ApiProperty({ type: SessionLengthsDto })
  @ValidateNested()
  @Type(() => SessionLengthsDto)
  lengths!: SessionLengthsDto;
}

export class AvailabilityExceptionDto implements AddAvailabilityExceptionRequest {
  @ApiProperty({ enum: ['off', 'extra'] })
  @IsIn(['off', 'extra'], { message: 'Choose time off or an extra window.' })
  kind!: 'off' | 'extra';

  @ApiProperty() @IsISO8601({ strict: true }, INSTANT) startsAt!: string;
  @ApiProperty() @IsISO8601({ strict: true }, INSTANT) endsAt!: string;
}

export class SlotsQueryDto {
  @ApiPropertyOptional({ enum: APPOINTMENT_AUDIENCES, default: 'individual' })
  @IsOptional()
  @IsIn(APPOINTMENT_AUDIENCES, { message: 'audience is individual or joint.' })
  audience: AppointmentAudience = 'individual';

  @ApiPropertyOptional({ example: '2027-03-15', description: 'First day (default: today)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date like 2027-03-15.' })
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 28, default: 14 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  days = 14;
}

export class RequestAppointmentDto implements RequestAppointmentRequest {
  @ApiProperty({ enum: APPOINTMENT_AUDIENCES })
  @IsIn(APPOINTMENT_AUDIENCES, { message: 'Choose just you (individual) or together (joint).' })
  audience!: AppointmentAudience;

  @ApiProperty() @IsISO8601({ strict: true }, INSTANT) startsAt!: string;

  @ApiProperty({ enum: SESSION_MODES })
  @IsIn(SESSION_MODES, { message: 'Choose in person or telehealth.' })
  mode!: SessionMode;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @MaxLength(500, { message: 'Keep the note under 500 characters.' })
  @IsString()
  @Transform(trim)
  note?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'clientKey must be a UUID made by the browser for this request.' })
  clientKey!: string;
}

export class AppointmentTimeDto implements AppointmentTimeRequest {
  @ApiProperty() @IsISO8601({ strict: true }, INSTANT) startsAt!: string;
}

export class AppointmentReasonDto implements AppointmentReasonRequest {
  @ApiProperty({ maxLength: 500 })
  @MaxLength(500, { message: 'Keep the reason under 500 characters.' })
  @IsString({ message: 'Give a reason.' })
  @Transform(trim)
  reason!: string;
}

export class AppointmentsQueryDto {
  @ApiPropertyOptional({ enum: ['upcoming', 'waiting', 'past'], default: 'upcoming' })
  @IsOptional()
  @IsIn(['upcoming', 'waiting', 'past'], { message: 'scope is upcoming, waiting or past.' })
  scope: AppointmentScope = 'upcoming';
}
