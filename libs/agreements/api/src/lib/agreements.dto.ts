import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PG_INT_MAX } from '@mend/shared/server';
import { AGREEMENT_CATEGORIES } from '@mend/shared/contracts';
import type {
  AgreementCategory,
  AgreementItem,
  SaveAgreementRequest,
  SignAgreementRequest,
} from '@mend/shared/contracts';
import { AGREEMENT_LIMITS } from './agreement-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const VERSION = { message: 'version must be the version number you read.' };
const DATE = { message: 'Use a date (YYYY-MM-DD) or none.' };

export class AgreementItemDto implements AgreementItem {
  @ApiProperty({ enum: AGREEMENT_CATEGORIES })
  @IsIn(AGREEMENT_CATEGORIES, {
    message: 'Choose contact boundaries, behaviour change, check-in rhythm or other.',
  })
  category!: AgreementCategory;

  @ApiProperty({ minLength: 1, maxLength: AGREEMENT_LIMITS.textMax })
  @MaxLength(AGREEMENT_LIMITS.textMax, {
    message: `An agreement is at most ${AGREEMENT_LIMITS.textMax} characters.`,
  })
  @IsNotEmpty({ message: 'Write the agreement, or remove it.' })
  @IsString({ message: 'Write the agreement, or remove it.' })
  @Transform(trim)
  text!: string;
}

export class SaveAgreementDto implements SaveAgreementRequest {
  @ApiProperty({ type: [AgreementItemDto], maxItems: AGREEMENT_LIMITS.itemsMax })
  @ValidateNested({ each: true })
  @Type(() => AgreementItemDto)
  @IsObject({ each: true, message: 'Each agreement needs a category and its text.' })
  @ArrayMaxSize(AGREEMENT_LIMITS.itemsMax, {
    message: `An agreement holds at most ${AGREEMENT_LIMITS.itemsMax} items.`,
  })
  @IsArray({ message: 'items must be a list of agreements.' })
  items!: AgreementItemDto[];

  @ApiProperty({ nullable: true, example: '2027-03-01' })
  @ValidateIf((o: SaveAgreementDto) => o.reviewOn !== null)
  @IsISO8601({ strict: true }, DATE)
  @Length(10, 10, DATE)
  reviewOn!: string | null;

  @ApiProperty({ description: 'The version that was read; a newer one answers 409' })
  @Max(PG_INT_MAX, VERSION)
  @Min(0, VERSION)
  @IsInt(VERSION)
  version!: number;
}

export class SignAgreementDto implements SignAgreementRequest {
  @ApiProperty({ description: 'The signer’s name as they type it', maxLength: 200 })
  @MaxLength(AGREEMENT_LIMITS.typedNameMax, { message: 'Type your name (at most 200 characters).' })
  @IsNotEmpty({ message: 'Type your name to sign.' })
  @IsString({ message: 'Type your name to sign.' })
  @Transform(trim)
  typedName!: string;

  @ApiProperty({ description: 'The version that was read and is signed' })
  @Max(PG_INT_MAX, VERSION)
  @Min(0, VERSION)
  @IsInt(VERSION)
  version!: number;
}
