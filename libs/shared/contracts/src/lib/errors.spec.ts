import { isApiErrorBody } from './errors';

describe('isApiErrorBody', () => {
  it('recognises the API error shape', () => {
    expect(isApiErrorBody({ statusCode: 400, error: 'Bad Request', message: 'Invalid' })).toBe(
      true,
    );
  });

  it('rejects other values', () => {
    expect(isApiErrorBody(null)).toBe(false);
    expect(isApiErrorBody('oops')).toBe(false);
    expect(isApiErrorBody({ message: 'no status' })).toBe(false);
  });
});
