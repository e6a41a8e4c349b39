import {
  ArgumentMetadata,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  PipeTransform,
} from '@nestjs/common';

/** The largest value of a PostgreSQL `integer` column (version numbers): larger ones fail in SQL. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * A uuid, in the lower case PostgreSQL prints: an id from the path binds encrypted text to its
 * row (the encryption context), so `ABC…` and `abc…` must be one id, not two.
 */
class IdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** A route's uuid parameter; anything that is not a uuid names no record and answers 404. */
export const IdParam = (name = 'id') => Param(name, new IdPipe({ errorHttpStatusCode: 404 }));

class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > PG_INT_MAX)
      throw new NotFoundException('Not found.');
    return Number(value);
  }
}

/** A route's version number (1, 2, …); anything else names no version and answers 404. */
export const VersionParam = (name = 'version') => Param(name, new VersionNumberPipe());
