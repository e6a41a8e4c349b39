import { BadRequestException, ConflictException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { toErrorBody, toFieldErrors, describeForLog } from './api-errors';

describe('toErrorBody', () => {
  it('keeps our own messages and field lists', () => {
    const body = toErrorBody(
      new BadRequestException({ message: 'Bad', fields: [{ field: 'email', reasons: ['x'] }] }),
    );
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Bad',
      fields: [{ field: 'email', reasons: ['x'] }],
    });
  });

  it('hides the details of unexpected errors', () => {
    const body = toErrorBody(
      new Error('duplicate key value violates unique constraint "users_email" SELECT * FROM users'),
    );
    expect(body.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/SELECT|users_email/);
  });

  it('answers 409 when the database refuses to change a signed record, without its SQL', () => {
    const body = toErrorBody(
      Object.assign(new Error('A signed notes is locked UPDATE notes SET'), {
        driverError: { code: '55000' },
      }),
    );
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'This record is signed and locked.',
    });
  });

  it('maps Fastify body limit errors to 413', () => {
    const body = toErrorBody(
      Object.assign(new Error('Request body is too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      }),
    );
    expect(body.statusCode).toBe(413);
  });

  it('keeps the status of other HTTP errors', () => {
    expect(toErrorBody(new ConflictException('Changed elsewhere')).statusCode).toBe(409);
  });
});

describe('toFieldErrors', () => {
  it('flattens nested errors to dotted paths', () => {
    const child = Object.assign(new ValidationError(), {
      property: 'date',
      constraints: { isDate: 'date must be a date' },
    });
    const parent = Object.assign(new ValidationError(), {
      property: 'items',
      children: [Object.assign(new ValidationError(), { property: '0', children: [child] })],
    });
    expect(toFieldErrors([parent])).toEqual([
      { field: 'items.0.date', reasons: ['date must be a date'] },
    ]);
  });
});

describe('describeForLog', () => {
  it('names the error without its message', () => {
    const described = describeForLog(Object.assign(new TypeError('secret SQL'), { code: '23505' }));
    expect(described).toEqual({ type: 'TypeError', code: '23505' });
  });
});
