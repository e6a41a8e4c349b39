import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { cacheValidationMetadata, inputValidationPipe } from './input-validation';

class PageDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;
}

class SearchDto extends PageDto {
  @IsOptional()
  @IsString()
  q?: string;
}

class NoteDto {
  @IsString()
  body!: string;
}

const pipe = inputValidationPipe();
const check = (metatype: new () => object, value: unknown) =>
  pipe.transform(value, { type: 'query', metatype });

/** The fields and reasons a refusal names. */
async function refusal(run: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  const { fields } = (error as BadRequestException).getResponse() as {
    fields: { field: string; reasons: string[] }[];
  };
  return Object.fromEntries(fields.map((f) => [f.field, f.reasons]));
}

describe('inputValidationPipe', () => {
  it('applies a class’s own and inherited rules, the same on every validation', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect(await check(SearchDto, { page: '2', q: 'rivera' })).toEqual(
        Object.assign(new SearchDto(), { page: 2, q: 'rivera' }),
      );
      expect(Object.keys(await refusal(check(SearchDto, { page: '0', q: 5 }))).sort()).toEqual([
        'page',
        'q',
      ]);
      expect(Object.keys(await refusal(check(SearchDto, { page: '1', other: 'x' })))).toEqual([
        'other',
      ]);
    }
    expect(Object.keys(await refusal(check(PageDto, { q: 'not here' })))).toEqual(['q']);
  });

  it('works out a class’s rules once, and again when a rule is added', async () => {
    const storage = getMetadataStorage();
    const rules = (target: new () => object) =>
      storage.getTargetValidationMetadatas(target, '', false, false);
    expect(rules(SearchDto)).toBe(rules(SearchDto));
    expect(storage.groupByPropertyName(rules(SearchDto))).toBe(
      storage.groupByPropertyName(rules(SearchDto)),
    );

    expect(await check(NoteDto, { body: 'kept' })).toEqual(
      Object.assign(new NoteDto(), { body: 'kept' }),
    );
    const before = rules(NoteDto);
    expect(await refusal(check(NoteDto, { body: 'kept', version: 11 }))).toEqual({
      version: ['This field is not accepted here.'],
    });
    // Decorating later registers a rule; validations from then on apply it.
    Max(10)(NoteDto.prototype, 'version');
    expect(rules(NoteDto)).not.toBe(before);
    expect(await refusal(check(NoteDto, { body: 'kept', version: 11 }))).toEqual({
      version: ['version must not be greater than 10'],
    });
  });

  it('keeps what a query string validated to, and gives each request its own copy', async () => {
    const first = (await check(SearchDto, { page: '3', q: 'kept' })) as SearchDto;
    first.page = 99;
    const second = await check(SearchDto, { page: '3', q: 'kept' });
    expect(second).toBeInstanceOf(SearchDto);
    expect(second).toEqual(Object.assign(new SearchDto(), { page: 3, q: 'kept' }));
    expect(second).not.toBe(await check(SearchDto, { page: '3', q: 'kept' }));
    const validated = jest.spyOn(getMetadataStorage(), 'getTargetValidationMetadatas');
    await check(SearchDto, { page: '3', q: 'kept' });
    expect(validated).not.toHaveBeenCalled();
    await check(SearchDto, { page: '4', q: 'kept' });
    expect(validated).toHaveBeenCalled();
    validated.mockRestore();
    // A refusal is worked out every time, and the same query as a body is not taken from it.
    for (let i = 0; i < 2; i += 1)
      expect(await refusal(check(SearchDto, { page: '3', q: 'kept', extra: 'x' }))).toEqual({
        extra: ['This field is not accepted here.'],
      });
    await expect(
      pipe.transform({ page: '3', q: 'kept' }, { type: 'body', metatype: SearchDto }),
    ).resolves.toEqual(Object.assign(new SearchDto(), { page: 3, q: 'kept' }));
  });

  it('checks a kept query again once a rule is added', async () => {
    class LimitDto {
      @IsOptional()
      @Type(() => Number)
      @IsInt()
      limit?: number;
    }
    expect(await check(LimitDto, { limit: '40' })).toEqual(
      Object.assign(new LimitDto(), { limit: 40 }),
    );
    Max(30)(LimitDto.prototype, 'limit');
    expect(await refusal(check(LimitDto, { limit: '40' }))).toEqual({
      limit: ['limit must not be greater than 30'],
    });
  });

  it('leaves validations with groups to class-validator as they are', () => {
    const storage = getMetadataStorage();
    cacheValidationMetadata(storage);
    const grouped = (target: new () => object) =>
      storage.getTargetValidationMetadatas(target, '', false, false, ['admin']);
    expect(grouped(SearchDto)).not.toBe(grouped(SearchDto));
  });
});
