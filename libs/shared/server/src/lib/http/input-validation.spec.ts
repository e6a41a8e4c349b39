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

  it('leaves validations with groups to class-validator as they are', () => {
    const storage = getMetadataStorage();
    cacheValidationMetadata(storage);
    const grouped = (target: new () => object) =>
      storage.getTargetValidationMetadatas(target, '', false, false, ['admin']);
    expect(grouped(SearchDto)).not.toBe(grouped(SearchDto));
  });
});
