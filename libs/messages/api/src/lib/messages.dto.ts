import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CLIENT_THREAD_RULES,
  MESSAGE_MAX_LENGTH,
  REPLY_TIMES_MAX_LENGTH,
  THREAD_AUDIENCES,
  THREAD_SUBJECT_MAX_LENGTH,
} from '@mend/shared/contracts';
import type {
  AnswerQuoteRequest,
  ClientThreadRule,
  ClinicMessagingSettings,
  MarkReadRequest,
  QuoteRequestRequest,
  SaveMessageDraftRequest,
  SendMessageRequest,
  StartThreadRequest,
  ThreadAudience,
} from '@mend/shared/contracts';
import { PageQueryDto } from '@mend/shared/server';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const KEY = { message: 'clientKey must be a UUID made by the browser for this message.' };
const BODY_LENGTH = {
  message: `Write a message of 1 to ${MESSAGE_MAX_LENGTH} characters.`,
};

export class SendMessageDto implements SendMessageRequest {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH })
  @Length(1, MESSAGE_MAX_LENGTH, BODY_LENGTH)
  @IsString(BODY_LENGTH)
  @Transform(trim)
  body!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', KEY)
  clientKey!: string;
}

export class StartThreadDto extends SendMessageDto implements StartThreadRequest {
  @ApiProperty({ enum: THREAD_AUDIENCES })
  @IsIn(THREAD_AUDIENCES, {
    message: 'Choose private (one member and the counselors) or joint (everyone in the case).',
  })
  audience!: ThreadAudience;

  @ApiPropertyOptional({ format: 'uuid', description: 'The member of a private conversation' })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be the id of a member of this case.' })
  clientId?: string;

  @ApiProperty({ minLength: 1, maxLength: THREAD_SUBJECT_MAX_LENGTH })
  @Length(1, THREAD_SUBJECT_MAX_LENGTH, {
    message: `Give the conversation a subject of 1 to ${THREAD_SUBJECT_MAX_LENGTH} characters.`,
  })
  @IsString({ message: 'Give the conversation a subject.' })
  @Transform(trim)
  subject!: string;
}

export class SaveMessageDraftDto implements SaveMessageDraftRequest {
  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH, description: 'Empty: no draft' })
  @MaxLength(MESSAGE_MAX_LENGTH, {
    message: `Keep a message under ${MESSAGE_MAX_LENGTH} characters.`,
  })
  @IsString({ message: 'body must be text.' })
  body!: string;
}

export class MarkReadDto implements MarkReadRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'messageId must be the id of a message of this conversation.' })
  messageId!: string;
}

export class QuoteRequestDto implements QuoteRequestRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'jointThreadId must be a joint conversation of this case.' })
  jointThreadId!: string;
}

export class AnswerQuoteDto implements AnswerQuoteRequest {
  @ApiProperty()
  @IsBoolean({ message: 'agree must be true or false.' })
  agree!: boolean;
}

export class ClinicMessagingDto implements ClinicMessagingSettings {
  @ApiProperty({ enum: CLIENT_THREAD_RULES })
  @IsIn(CLIENT_THREAD_RULES, {
    message: 'Choose none, private or private_and_joint.',
  })
  clientThreads!: ClientThreadRule;
}

export class ReplyTimesDto {
  @ApiProperty({ maxLength: REPLY_TIMES_MAX_LENGTH, description: 'Empty: not stated' })
  @MaxLength(REPLY_TIMES_MAX_LENGTH, {
    message: `Keep your reply times under ${REPLY_TIMES_MAX_LENGTH} characters.`,
  })
  @IsString({ message: 'text must be text.' })
  @Transform(trim)
  text!: string;
}

export class ListThreadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this case’s conversations' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a case id.' })
  caseId?: string;
}

export class MessagePageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Messages older than this one' })
  @IsOptional()
  @IsUUID('all', { message: 'before must be the id of a message of this conversation.' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;
}
