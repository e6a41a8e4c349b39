import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  IsOptional,
} from 'class-validator';
import {
  NOTE_FORMATS,
  NOTE_TEXT_MAX,
  SESSION_DURATION,
  SESSION_LISTS,
  SESSION_MODES,
  SESSION_TYPES,
} from '@mend/shared/contracts';
import type {
  AddendumRequest,
  CreateSessionRequest,
  NoteFormat,
  SaveAddendumRequest,
  SaveNoteRequest,
  SessionList,
  SessionMode,
  SessionType,
  SignRequest,
  StartNoteRequest,
} from '@mend/shared/contracts';
import { PageQueryDto, PG_INT_MAX } from '@mend/shared/server';

const trimEnd = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trimEnd() : value;
const VERSION = { message: 'version must be the version number you read.' };

export class CreateSessionDto implements CreateSessionRequest {
  @ApiProperty({ example: '2026-11-20T15:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'Give the date and start time.' })
  startsAt!: string;

  @ApiProperty({ minimum: SESSION_DURATION.min, maximum: SESSION_DURATION.max })
  @Max(SESSION_DURATION.max, { message: 'A session lasts at most four hours.' })
  @Min(SESSION_DURATION.min, { message: 'A session lasts at least 15 minutes.' })
  @IsInt({ message: 'Give the duration in minutes.' })
  durationMinutes!: number;

  @ApiProperty({ enum: SESSION_TYPES })
  @IsIn(SESSION_TYPES, { message: 'Choose couple, individual or family.' })
  type!: SessionType;

  @ApiProperty({ enum: SESSION_MODES })
  @IsIn(SESSION_MODES, { message: 'Choose in person or telehealth.' })
  mode!: SessionMode;

  @ApiProperty({ type: [String] })
  @IsUUID('all', { each: true, message: 'Choose attendees among the case’s members.' })
  @ArrayUnique({ message: 'Name each attendee once.' })
  @ArrayMaxSize(20)
  @ArrayMinSize(1, { message: 'Choose at least one attendee.' })
  @IsArray({ message: 'Choose at least one attendee.' })
  attendeeIds!: string[];
}

/** Only the fields that change; a field sent as null is refused (every one of them is required). */
export class UpdateSessionDto extends PartialType(CreateSessionDto, {
  skipNullProperties: false,
}) {}

export class SessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SESSION_LISTS, default: 'upcoming' })
  @IsOptional()
  @IsIn(SESSION_LISTS, { message: 'Choose upcoming, recent or unsigned.' })
  when: SessionList = 'upcoming';
}

export class StartNoteDto implements StartNoteRequest {
  @ApiProperty({ enum: NOTE_FORMATS })
  @IsIn(NOTE_FORMATS, { message: 'Choose SOAP, DAP or BIRP.' })
  format!: NoteFormat;
}

export class SaveNoteDto implements SaveNoteRequest {
  @ApiProperty({ enum: NOTE_FORMATS })
  @IsIn(NOTE_FORMATS, { message: 'Choose SOAP, DAP or BIRP.' })
  format!: NoteFormat;

  @ApiProperty({ description: 'Section key → text' })
  @IsObject({ message: 'sections must be the text of each section by its key.' })
  sections!: Record<string, string>;

  @ApiProperty()
  @Max(PG_INT_MAX, VERSION)
  @Min(1, VERSION)
  @IsInt(VERSION)
  version!: number;
}

export class SignDto implements SignRequest {
  @ApiProperty()
  @Max(PG_INT_MAX, VERSION)
  @Min(1, VERSION)
  @IsInt(VERSION)
  version!: number;
}

export class AddendumDto implements AddendumRequest {
  @ApiProperty()
  @MaxLength(NOTE_TEXT_MAX)
  @IsNotEmpty({ message: 'Write the addendum first.' })
  @IsString()
  @Transform(trimEnd)
  text!: string;
}

export class SaveAddendumDto implements SaveAddendumRequest {
  @ApiProperty()
  @MaxLength(NOTE_TEXT_MAX)
  @IsString()
  @Transform(trimEnd)
  text!: string;

  @ApiProperty()
  @Max(PG_INT_MAX, VERSION)
  @Min(1, VERSION)
  @IsInt(VERSION)
  version!: number;
}
