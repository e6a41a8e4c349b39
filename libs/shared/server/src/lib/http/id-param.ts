import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A route's uuid parameter; anything that is not a uuid names no record and answers 404. */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ errorHttpStatusCode: 404 }));
