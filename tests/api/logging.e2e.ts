import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from '../../apps/api/src/app/app.module';
import { loadConfig } from '@mend/shared/server';

describe('structured logs', () => {
  it('redact cookies, passwords and tokens and keep only the path of a request', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions(loadConfig({ LOG_LEVEL: 'info' }));
    const logger = pino(
      { level: 'info', redact: options.redact, serializers: options.serializers },
      sink,
    );
    logger.info({
      req: {
        id: 1,
        method: 'POST',
        url: '/api/auth/invitations/accept?token=SECRET-QUERY',
        headers: { cookie: 'mend_session=SECRET-COOKIE' },
      },
      body: { password: 'SECRET-PASSWORD', token: 'SECRET-TOKEN', newPassword: 'SECRET-NEW' },
      res: { statusCode: 200, headers: { 'set-cookie': 'mend_session=SECRET-SET' } },
    });
    const line = lines.join('');
    expect(line).toContain('"path":"/api/auth/invitations/accept"');
    expect(line).not.toMatch(/SECRET/);
  });
});
