import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  NOTIFICATION_KINDS,
  SUBMITTED_MAIL_CHOICES,
  type NotificationKind,
  type SubmittedMailChoice,
} from '@mend/shared/contracts';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PreferencesDto {
  @ApiProperty({ example: 'Europe/Berlin' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ example: '21:00' })
  @Matches(CLOCK, { message: 'Enter the start of quiet hours as HH:MM.' })
  quietStart!: string;

  @ApiProperty({ example: '08:00' })
  @Matches(CLOCK, { message: 'Enter the end of quiet hours as HH:MM.' })
  quietEnd!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: 'Choose kinds of mail from the list.' })
  mailOff!: NotificationKind[];

  @ApiProperty({ enum: SUBMITTED_MAIL_CHOICES })
  @IsIn(SUBMITTED_MAIL_CHOICES, { message: 'Choose hourly or daily.' })
  submittedMail!: SubmittedMailChoice;
}

export class UnsubscribeDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'The unsubscribe link is incomplete.' })
  @MaxLength(400)
  token!: string;
}
