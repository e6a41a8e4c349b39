import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
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
  ValidateNested,
} from 'class-validator';
import { CASE_OUTCOMES, CASE_TYPES, MEMBER_LABELS } from '@mend/shared/contracts';
import type {
  AddMemberRequest,
  AssignCounselorsRequest,
  CaseOutcome,
  CaseType,
  CloseCaseRequest,
  MemberLabel,
  NewClientRequest,
  OpenCaseRequest,
  SetMemberLabelRequest,
  UpdateCaseRequest,
} from '@mend/shared/contracts';
import { PageQueryDto, PG_INT_MAX } from '@mend/shared/server';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** May be left out, but not sent as null: each of these fields is required on the record. */
const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

// class-validator checks decorators bottom-up and reports the first failure per field, so the
// most basic rule of each field sits closest to it.

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed', 'all'], { message: 'status must be open, closed or all.' })
  status: 'open' | 'closed' | 'all' = 'open';

  @ApiPropertyOptional({ description: 'Matches the title or a member’s name' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  @Transform(trim)
  q?: string;

  @ApiPropertyOptional({ description: 'Admins: cases of this counselor' })
  @IsOptional()
  @IsUUID('all', { message: 'counselorId must be an id.' })
  counselorId?: string;

  @ApiPropertyOptional({ description: 'Admins: only cases without a primary counselor' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  unassigned?: boolean;
}

export class NewClientDto implements NewClientRequest {
  @ApiProperty()
  @MaxLength(254)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @Transform(trimLower)
  email!: string;

  @ApiProperty()
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Enter the person’s name.' })
  @Transform(trim)
  displayName!: string;
}

export class OpenCaseDto implements OpenCaseRequest {
  @ApiProperty({ example: 'Sam & Alex' })
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Give the case a title.' })
  @Transform(trim)
  title!: string;

  @ApiProperty({ enum: CASE_TYPES })
  @IsIn(CASE_TYPES, { message: `type must be one of: ${CASE_TYPES.join(', ')}.` })
  type!: CaseType;

  @ApiProperty({ example: '2026-11-01' })
  @IsISO8601({ strict: true }, { message: 'startedOn must be a date (YYYY-MM-DD).' })
  @Length(10, 10, { message: 'startedOn must be a date (YYYY-MM-DD).' })
  startedOn!: string;

  @ApiPropertyOptional({ type: [String], description: 'Existing clients of the clinic' })
  @IsOptional()
  @ArrayMaxSize(12)
  @IsUUID('all', { each: true, message: 'Each member must be an id.' })
  @IsArray()
  memberIds?: string[];

  @ApiPropertyOptional({
    type: [NewClientDto],
    description: 'New clients, invited in the same step',
  })
  @IsOptional()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => NewClientDto)
  @IsObject({ each: true, message: 'Each new member needs an email and a name.' })
  @IsArray()
  newMembers?: NewClientDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'primaryCounselorId must be an id.' })
  primaryCounselorId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsUUID('all', { each: true, message: 'Each co-counselor must be an id.' })
  @IsArray()
  coCounselorIds?: string[];
}

export class UpdateCaseDto implements UpdateCaseRequest {
  @ApiProperty({ description: 'The version that was read; a newer one answers 409' })
  @Max(PG_INT_MAX, { message: 'version must be the case’s version number.' })
  @Min(1)
  @IsInt({ message: 'version must be the case’s version number.' })
  version!: number;

  @ApiPropertyOptional()
  @Omittable()
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Give the case a title.' })
  @Transform(trim)
  title?: string;

  @ApiPropertyOptional({ enum: CASE_TYPES })
  @Omittable()
  @IsIn(CASE_TYPES, { message: `type must be one of: ${CASE_TYPES.join(', ')}.` })
  type?: CaseType;

  @ApiPropertyOptional()
  @Omittable()
  @IsISO8601({ strict: true }, { message: 'startedOn must be a date (YYYY-MM-DD).' })
  @Length(10, 10, { message: 'startedOn must be a date (YYYY-MM-DD).' })
  startedOn?: string;
}

export class AddMemberDto implements AddMemberRequest {
  @ApiPropertyOptional({ description: 'An existing client' })
  @ValidateIf((o: AddMemberDto) => o.newMember === undefined)
  @IsUUID('all', { message: 'Choose a client or invite a new one.' })
  userId?: string;

  @ApiPropertyOptional({ type: NewClientDto, description: 'A new client, invited now' })
  @Omittable()
  @ValidateNested()
  @Type(() => NewClientDto)
  @IsObject({ message: 'A new member needs an email and a name.' })
  newMember?: NewClientDto;
}

export class AssignCounselorsDto implements AssignCounselorsRequest {
  @ApiProperty({ nullable: true })
  @ValidateIf((o: AssignCounselorsDto) => o.primaryCounselorId !== null)
  @IsUUID('all', { message: 'primaryCounselorId must be an id or null.' })
  primaryCounselorId!: string | null;

  @ApiProperty({ type: [String] })
  @ArrayMaxSize(6)
  @IsUUID('all', { each: true, message: 'Each co-counselor must be an id.' })
  @IsArray()
  coCounselorIds!: string[];

  @ApiProperty({ description: 'Why the assignment changes (kept in the audit trail)' })
  @Length(3, 500, { message: 'Give a reason of 3 to 500 characters.' })
  @IsString()
  @Transform(trim)
  reason!: string;
}

export class CloseCaseDto implements CloseCaseRequest {
  @ApiProperty({ enum: CASE_OUTCOMES })
  @IsIn(CASE_OUTCOMES, { message: `outcome must be one of: ${CASE_OUTCOMES.join(', ')}.` })
  outcome!: CaseOutcome;

  @ApiPropertyOptional({ description: 'Administrative note, e.g. where the case was referred' })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  @Transform(trim)
  note?: string;
}

export class SetMemberLabelDto implements SetMemberLabelRequest {
  @ApiProperty({ enum: MEMBER_LABELS, nullable: true })
  @ValidateIf((o: SetMemberLabelDto) => o.label !== null)
  @IsIn(MEMBER_LABELS, { message: `label must be one of: ${MEMBER_LABELS.join(', ')}, or null.` })
  label!: MemberLabel | null;
}
