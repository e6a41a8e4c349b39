import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
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

describe('request logs', () => {
  /** Serves one answer through pino-http with the app's logger options; returns the log lines. */
  async function logOf(
    status: number,
    error: Error,
  ): Promise<{ level: number; err?: Record<string, unknown> }[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions(loadConfig({ LOG_LEVEL: 'info' }));
    const log = pinoHttp({ ...options, logger: pino({ level: 'info' }, sink) });
    const server = createServer((req, res) => {
      log(req, res);
      // What an error interceptor records on the response: the error the route threw.
      (res as typeof res & { err?: Error }).err = error;
      res.statusCode = status;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/cases?q=secret`);
    await new Promise((resolve) => server.close(resolve));
    return lines.map((line) => JSON.parse(line));
  }

  it('logs a client error (4xx) at info, with no stack trace and no message', async () => {
    const [line] = await logOf(404, new Error('Case 123 of Sam Doe not found'));
    expect(line.level).toBe(30);
    expect(JSON.stringify(line)).not.toMatch(/stack|\bat |Sam Doe|\.ts:\d+/);
  });

  it('logs a server error by its kind and code only, never its SQL or stack', async () => {
    const failure = Object.assign(new TypeError('SELECT * FROM notes WHERE …'), { code: '42P01' });
    const [line] = await logOf(500, failure);
    expect(line.level).toBe(50);
    expect(line.err).toEqual({ type: 'TypeError', code: '42P01' });
    expect(JSON.stringify(line)).not.toMatch(/stack|SELECT|\.ts:\d+/);
  });
});

describe('the access log', () => {
  it('leaves out health checks, as Nest’s middleware sees them (without the /api prefix)', () => {
    const { ignore } = loggerOptions(loadConfig({ LOG_LEVEL: 'info' })).autoLogging;
    expect(ignore({ url: '/health', originalUrl: '/api/health' })).toBe(true);
    expect(ignore({ url: '/auth/me', originalUrl: '/api/auth/me' })).toBe(false);
  });
});
