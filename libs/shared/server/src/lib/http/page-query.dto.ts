import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@mend/shared/contracts';

const MAX_PAGE = 1_000_000;

/** `?page=&pageSize=` of every list; the page size is capped so no list is unbounded. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  // Far past any list's end, and small enough that its offset stays a number PostgreSQL takes.
  @Max(MAX_PAGE, { message: `page must not be greater than ${MAX_PAGE}.` })
  @Min(1)
  @IsInt()
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE, { message: `pageSize must not be greater than ${MAX_PAGE_SIZE}.` })
  pageSize = DEFAULT_PAGE_SIZE;
}
