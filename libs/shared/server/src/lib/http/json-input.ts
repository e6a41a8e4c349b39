import { BadRequestException } from '@nestjs/common';
import { fieldError } from './api-errors';

/** How deep a request body may nest; Mend's deepest body (a form with lists) uses six levels. */
export const JSON_MAX_DEPTH = 32;

/**
 * Keys that reach an object's prototype. `JSON.parse` keeps them as plain keys, but the
 * transformers and spreads downstream treat them specially (`constructor` makes class-transformer
 * call a plain object as a class): refused wherever they appear.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/** A UTF-16 surrogate without its partner, or U+0000: PostgreSQL stores neither. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what it looks for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where a value sits in the input, as the API's error bodies name fields (`answers.steps.0`). */
const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

function textProblem(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\u0000'
    ? 'Text cannot contain a NUL character.'
    : 'Text must be valid Unicode (it holds half of a surrogate pair).';
}

/**
 * Refuses input no field of Mend accepts, before any transformer or validator sees it: nesting
 * deeper than `JSON_MAX_DEPTH`, `__proto__`/`constructor` keys, NUL characters and lone
 * surrogates (in keys and values), and numbers JSON can write but not hold (`1e999`). Throws a
 * 400 naming the field; `root` names the input itself (the body) when the problem is at its top.
 * Walks with an explicit stack, so no input can exhaust the call stack.
 */
export function assertSafeInput(value: unknown, root = 'body'): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as (typeof stack)[number];
    const field = path || root;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) throw fieldError(field, problem);
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current)) throw fieldError(field, 'This number is out of range.');
    } else if (current !== null && typeof current === 'object') {
      if (depth >= JSON_MAX_DEPTH)
        throw fieldError(
          field,
          `This value is nested too deeply (at most ${JSON_MAX_DEPTH} levels).`,
        );
      if (Array.isArray(current)) {
        current.forEach((item, index) =>
          stack.push({ value: item, path: at(path, index), depth: depth + 1 }),
        );
      } else {
        for (const key of Object.keys(current)) {
          if (FORBIDDEN_KEYS.has(key))
            throw fieldError(at(path, key), 'This field name is not accepted.');
          const problem = textProblem(key);
          if (problem) throw fieldError(field, `A field name in here is not valid. ${problem}`);
          stack.push({
            value: (current as Record<string, unknown>)[key],
            path: at(path, key),
            depth: depth + 1,
          });
        }
      }
    }
  }
}

/** The request body parsed as JSON and checked by `assertSafeInput`; 400 when it is neither. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestException('The request body is not valid JSON.');
  }
  assertSafeInput(value);
  return value;
}
