import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { validationException } from './api-errors';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = Parameters<MetadataStorage['addValidationMetadata']>[0];

const cached = new WeakSet<MetadataStorage>();
/** Counts the rules registered after the cache was set up: what was worked out before is stale. */
let rulesChanged = 0;

/**
 * Makes class-validator work out a class's rules once instead of on every validation. Without
 * it each validated input filters the class's rules and tests the class against every other
 * validated class for inheritance (an `instanceof` per class the app declares), then groups the
 * rules by property again: a fifth of the garbage a list request makes. The rules only change
 * when a decorator registers a new one (at load), which empties the cache. Validations with
 * groups, `always` or a schema are passed through uncached: Mend uses none of them.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (cached.has(storage)) return;
  cached.add(storage);
  const rulesOf = storage.getTargetValidationMetadatas.bind(storage);
  const groupOf = storage.groupByPropertyName.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  const rules = new Map<unknown, ValidationMetadata[]>();
  const grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.addValidationMetadata = (metadata) => {
    rules.clear();
    rulesChanged += 1;
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || always || strictGroups || (groups && groups.length > 0))
      return rulesOf(target, schema, always, strictGroups, groups);
    let found = rules.get(target);
    if (!found) {
      found = rulesOf(target, schema, always, strictGroups, groups);
      rules.set(target, found);
    }
    return found;
  };
  // The executor groups the list it was just given: the same list, the same grouping (neither
  // is changed by the validation that reads them).
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) {
      byProperty = groupOf(metadata);
      grouped.set(metadata, byProperty);
    }
    return byProperty;
  };
}

/** Query strings a DTO keeps the answer for; past it, new ones are validated each time. */
const MAX_KNOWN_QUERIES = 500;

/**
 * Nest's ValidationPipe, with what a query string validated to kept per DTO. A list is asked
 * with the same few query strings (`?pageSize=25`) again and again, and turning one into its DTO
 * and checking it (class-transformer, then class-validator) cost a light read as much as one of
 * its statements. The answer depends on nothing but the strings and the DTO's rules (Mend's
 * rules are class-validator's own, none reads the clock or the database), so an accepted query
 * is kept (bounded) and each request gets its own copy. Only queries whose DTO holds plain
 * values are kept (a copy then shares nothing); refusals and bodies go through every time.
 */
class InputValidationPipe extends ValidationPipe {
  private readonly known = new Map<unknown, { rules: number; answers: Map<string, object> }>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const key = metadata.type === 'query' && metadata.metatype ? queryKey(value) : undefined;
    if (key === undefined) return super.transform(value, metadata);
    let known = this.known.get(metadata.metatype);
    if (!known || known.rules !== rulesChanged) {
      known = { rules: rulesChanged, answers: new Map() };
      this.known.set(metadata.metatype, known);
    }
    const answer = known.answers.get(key);
    if (answer) return copyOf(answer);
    const dto: unknown = await super.transform(value, metadata);
    if (known.answers.size < MAX_KNOWN_QUERIES && isFlat(dto)) known.answers.set(key, copyOf(dto));
    return dto;
  }
}

/** A shallow copy of a DTO, of its class. */
const copyOf = (dto: object): object =>
  Object.assign(Object.create(Object.getPrototypeOf(dto)), dto);

/** A parsed query string as one string, if it is one (strings and lists of strings only). */
function queryKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const field in value) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
      return undefined;
  }
  return JSON.stringify(value);
}

/** An object whose own fields are all plain values (a shallow copy of it shares nothing). */
function isFlat(dto: unknown): dto is object {
  if (typeof dto !== 'object' || dto === null) return false;
  for (const v of Object.values(dto)) if (typeof v === 'object' && v !== null) return false;
  return true;
}

/**
 * Every input of every route, checked against its DTO: unknown fields refused, values turned into
 * the DTO's types, one reason per field (the first rule it breaks), answered as `fields`.
 */
export function inputValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: validationException,
  });
}
