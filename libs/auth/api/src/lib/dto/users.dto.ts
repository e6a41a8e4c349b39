import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, USER_SORTS, USER_STATUSES } from '@mend/shared/contracts';
import { PageQueryDto } from '@mend/shared/server';
import type { Role, UserSort, UserStatus } from '@mend/shared/contracts';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'Matches name or email' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: USER_SORTS, description: 'By name (default) or newest first' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort?: UserSort;
}

export class SetUserStatusDto {
  @ApiProperty({ enum: ['active', 'disabled'] })
  @IsIn(['active', 'disabled'], { message: 'status must be "active" or "disabled".' })
  status!: 'active' | 'disabled';
}

export class UpdateUserDto {
  @ApiProperty()
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Enter the person’s name.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  displayName!: string;
}
