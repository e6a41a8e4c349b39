import { BadRequestException } from '@nestjs/common';
import { assertSafeInput, JSON_MAX_DEPTH, parseJsonBody } from './json-input';

/** The field and reason a 400 names. */
function refusal(run: () => unknown): { field: string; reason: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const { fields } = (error as BadRequestException).getResponse() as {
      fields: { field: string; reasons: string[] }[];
    };
    return { field: fields[0].field, reason: fields[0].reasons[0] };
  }
  throw new Error('the input was accepted');
}

describe('parseJsonBody', () => {
  it('parses ordinary JSON, including deep-enough forms and unicode text', () => {
    expect(parseJsonBody('{"answers":{"steps":[{"step":"Walk 🌳","done":["yes"]}]}}')).toEqual({
      answers: { steps: [{ step: 'Walk 🌳', done: ['yes'] }] },
    });
    expect(parseJsonBody('')).toBeUndefined();
  });

  it('answers malformed JSON with a readable 400', () => {
    expect(() => parseJsonBody('{"a":')).toThrow('The request body is not valid JSON.');
  });

  it('refuses __proto__ and constructor keys at the top and nested, naming the field', () => {
    expect(refusal(() => parseJsonBody('{"__proto__":{"polluted":true}}'))).toEqual({
      field: '__proto__',
      reason: 'This field name is not accepted.',
    });
    expect(refusal(() => parseJsonBody('{"answers":{"list":[{"constructor":{}}]}}')).field).toBe(
      'answers.list.0.constructor',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses NUL characters and lone surrogates in values and keys', () => {
    expect(refusal(() => parseJsonBody('{"title":"a\\u0000b"}'))).toEqual({
      field: 'title',
      reason: 'Text cannot contain a NUL character.',
    });
    expect(refusal(() => parseJsonBody('{"items":[{"text":"x\\ud800"}]}')).field).toBe(
      'items.0.text',
    );
    expect(refusal(() => parseJsonBody('{"t":"\\udc00\\ud800"}')).field).toBe('t');
    expect(refusal(() => parseJsonBody('{"answers":{"a\\u0000":1}}')).field).toBe('answers');
    expect(refusal(() => parseJsonBody('"\\u0000"')).field).toBe('body');
    // A whole surrogate pair is an ordinary character.
    expect(parseJsonBody('{"t":"\\ud83c\\udf33"}')).toEqual({ t: '🌳' });
  });

  it('refuses nesting deeper than the limit, without exhausting the stack', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(() => parseJsonBody(deep(JSON_MAX_DEPTH))).not.toThrow();
    expect(refusal(() => parseJsonBody(deep(100_000))).reason).toMatch(/nested too deeply/);
    expect(refusal(() => parseJsonBody(`{"a":${deep(JSON_MAX_DEPTH)}}`)).field).toMatch(/^a\.0/);
  });

  it('refuses numbers JSON can write but not hold', () => {
    expect(refusal(() => parseJsonBody('{"version":1e999}'))).toEqual({
      field: 'version',
      reason: 'This number is out of range.',
    });
  });
});

describe('assertSafeInput', () => {
  it('checks query parameters as well, naming the parameter', () => {
    expect(() => assertSafeInput({ q: 'ok', page: ['1', '2'] }, 'query')).not.toThrow();
    expect(refusal(() => assertSafeInput({ q: 'a\u0000' }, 'query')).field).toBe('q');
  });
});
