import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { STAGES } from '@mend/shared/contracts';
import type { SetStageRequest, Stage } from '@mend/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// class-validator checks decorators bottom-up and reports the first failure per field, so the
// most basic rule of each field sits closest to it.

export class SetStageDto implements SetStageRequest {
  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES, { message: `stage must be one of: ${STAGES.join(', ')}.` })
  stage!: Stage;

  @ApiProperty({
    description: 'Why the case moves (1–1,000 characters; seen by the case’s counselors only)',
  })
  @MaxLength(1000, { message: 'Keep the reason under 1,000 characters.' })
  @IsNotEmpty({ message: 'Say why the case moves to this stage.' })
  @IsString({ message: 'Say why the case moves to this stage.' })
  @Transform(trim)
  reason!: string;
}
