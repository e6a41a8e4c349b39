import { BadRequestException, HttpException, HttpStatus, ValidationError } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody, FieldError } from '@mend/shared/contracts';

/** 429 with the number of seconds the client should wait. */
export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts. Please wait a minute and try again.',
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** 503 with the number of seconds the client should wait: the server is briefly too busy. */
export class ServiceBusyException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Mend is busy right now. Please try again in a moment.',
  ) {
    super(message, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/** Flattens class-validator's tree into `field → reasons`, with dotted paths for nested values. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = { ...(error.constraints ?? {}) };
    if (constraints['whitelistValidation']) {
      constraints['whitelistValidation'] = 'This field is not accepted here.';
    }
    const own: FieldError[] = error.constraints
      ? [{ field, reasons: Object.values(constraints) }]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): BadRequestException {
  const fields = toFieldErrors(errors);
  return new BadRequestException({
    message: `Some fields are not valid: ${fields.map((f) => f.field).join(', ')}.`,
    fields,
  });
}

/** A BadRequest for one field, in the same shape as validation errors. */
export function fieldError(field: string, reason: string): BadRequestException {
  return new BadRequestException({ message: reason, fields: [{ field, reasons: [reason] }] });
}

const SAFE_MESSAGES: Partial<Record<number, string>> = {
  400: 'The request is not valid.',
  401: 'Please sign in.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  409: 'This was changed by someone else in the meantime.',
  413: 'The request is too large.',
  415: 'Unsupported content type.',
  429: 'Too many requests. Please wait and try again.',
};

/**
 * Turns anything thrown into the API's error body. Only messages we wrote reach a client:
 * unknown errors (driver, SQL, bugs) become a generic 500.
 */
export function toErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body: ApiErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: SAFE_MESSAGES[statusCode] ?? 'The request could not be completed.',
    };
    if (statusCode === 413) {
      body.message = 'The request body is larger than the 256 kB limit.';
    } else if (typeof response === 'string') {
      body.message = response;
    } else if (typeof response === 'object' && response !== null) {
      const { message, fields, code } = response as {
        message?: unknown;
        fields?: FieldError[];
        code?: unknown;
      };
      if (typeof message === 'string') body.message = message;
      else if (Array.isArray(message)) body.message = message.join('; ');
      if (fields) body.fields = fields;
      if (typeof code === 'string') body.code = code;
    }
    return body;
  }
  // Errors raised by Fastify itself (body too large, malformed JSON, wrong content type).
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  const fastifyCode = (exception as { code?: unknown })?.code;
  if (
    typeof fastifyStatus === 'number' &&
    fastifyStatus >= 400 &&
    fastifyStatus < 500 &&
    typeof fastifyCode === 'string' &&
    fastifyCode.startsWith('FST_')
  ) {
    const message =
      fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is larger than the 256 kB limit.'
        : fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
            fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The request body is not valid JSON.'
          : (SAFE_MESSAGES[fastifyStatus] ?? 'The request is not valid.');
    return { statusCode: fastifyStatus, error: STATUS_CODES[fastifyStatus] ?? 'Error', message };
  }
  // The database refusing to change a locked record (a signed note's trigger) or two writers
  // meeting on a unique key is a conflict, not a server fault; the SQL text stays out.
  const sqlState = (exception as { driverError?: { code?: unknown } })?.driverError?.code;
  if (sqlState === '55000' || sqlState === '23505') {
    return {
      statusCode: 409,
      error: 'Conflict',
      message:
        sqlState === '55000'
          ? 'This record is signed and locked.'
          : 'This was changed at the same time elsewhere. Reload and try again.',
    };
  }
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'Something went wrong on our side. Please try again.',
  };
}

/** What may be logged about an error: its kind and code, never its message (it may hold SQL or data). */
export function describeForLog(exception: unknown): { type: string; code?: string } {
  const type = exception instanceof Error ? exception.constructor.name : typeof exception;
  const code = (exception as { code?: unknown })?.code;
  return { type, code: typeof code === 'string' ? code : undefined };
}
