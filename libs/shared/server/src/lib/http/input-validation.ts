import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { validationException } from './api-errors';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = Parameters<MetadataStorage['addValidationMetadata']>[0];

const cached = new WeakSet<MetadataStorage>();

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

/**
 * Every input of every route, checked against its DTO: unknown fields refused, values turned into
 * the DTO's types, one reason per field (the first rule it breaks), answered as `fields`.
 */
export function inputValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: validationException,
  });
}
