import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AUDIENCES, RECURRENCES, STAGES } from '@mend/shared/contracts';
import type {
  Audience,
  FieldDef,
  MeasureScoring,
  Recurrence,
  SaveExerciseRequest,
  Stage,
} from '@mend/shared/contracts';
import { SUMMARY_MAX } from '@mend/exercises/model';
import { PageQueryDto, PG_INT_MAX } from '@mend/shared/server';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListExercisesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ enum: AUDIENCES })
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(100)
  @IsString()
  @Transform(trim)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'archived', 'all'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'archived', 'all'])
  status: 'active' | 'archived' | 'all' = 'active';

  @ApiPropertyOptional({ description: 'Only the caller’s own exercises' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  mine?: boolean;
}

/** The form's fields are checked by the exercise model's rules, which name each problem's path. */
export class SaveExerciseDto implements SaveExerciseRequest {
  @ApiPropertyOptional({ description: 'For an edit: the version that was read' })
  @IsOptional()
  @Max(PG_INT_MAX, { message: 'version must be the version number you read.' })
  @Min(1)
  @IsInt()
  version?: number;

  @ApiProperty()
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Give the exercise a title.' })
  @Transform(trim)
  title!: string;

  @ApiPropertyOptional({
    description: 'One line on what the exercise asks, for the library’s cards',
    maxLength: SUMMARY_MAX,
    nullable: true,
  })
  @IsOptional()
  @MaxLength(SUMMARY_MAX, { message: `Keep the summary under ${SUMMARY_MAX} characters.` })
  @IsString()
  @Transform(trim)
  summary?: string | null;

  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES, { message: 'Choose a stage of the path of repair.' })
  stage!: Stage;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES, { message: 'Choose who the exercise is for.' })
  audience!: Audience;

  @ApiProperty({ enum: RECURRENCES })
  @IsIn(RECURRENCES, { message: 'Choose how often it is done.' })
  recurrence!: Recurrence;

  @ApiProperty()
  @MaxLength(4000)
  @IsString()
  @IsNotEmpty({ message: 'Write the instructions the client reads.' })
  @Transform(trim)
  instructions!: string;

  @ApiProperty({
    description: 'The form: typed fields (see FieldDef)',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray({ message: 'Add at least one field.' })
  fields!: FieldDef[];

  @ApiPropertyOptional({
    description: 'A measure’s scoring (see MeasureScoring); null or absent for an exercise',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject({ message: 'measure is the scoring of a measure, or null.' })
  measure?: MeasureScoring | null;
}
