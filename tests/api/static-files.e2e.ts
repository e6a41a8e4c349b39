import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { bootApp, TestApp, TestClinic } from '../support/test-app';

/**
 * A web build in miniature, with Angular's hashed names, compressed by the same script the
 * build runs (apps/web/compress.mjs).
 */
const FILES: Record<string, string | Buffer> = {
  'index.html': `<!doctype html><html lang="en"><head><title>Mend</title><style>${'.mend-loading{display:grid}'.repeat(40)}</style></head><body><mend-root></mend-root><script src="main-7QZ2LKXW.js" type="module"></script></body></html>`,
  'main-7QZ2LKXW.js': `import './chunk-AB12CD34.js';\n${'console.log("mend");\n'.repeat(200)}`,
  'chunk-AB12CD34.js': `export const pages = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `page ${i}`))};`,
  'styles-EF56GH78.css': 'body{margin:0}\n'.repeat(300),
  'media/roboto-latin-400-normal-IJ90KL12.woff2': Buffer.alloc(4096, 7),
  'favicon.ico': Buffer.alloc(4096, 1),
};

const ALL = 'br, gzip, deflate';
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the web app’s files and the API’s answers: compression and caching', () => {
  let t: TestApp;
  let clinic: TestClinic;
  const webRoot = mkdtempSync(join(tmpdir(), 'mend-web-'));

  const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding ? { 'accept-encoding': acceptEncoding, ...headers } : headers,
    });

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'media'));
    for (const [name, content] of Object.entries(FILES))
      writeFileSync(join(webRoot, name), content);
    execFileSync(process.execPath, [join(__dirname, '../../apps/web/compress.mjs'), webRoot]);
    t = await bootApp({ WEB_DIST_DIR: webRoot });
    clinic = await t.createClinic();
  });

  afterAll(() => t.close());

  it('builds a Brotli and a gzip copy of each text file, and of the favicon', () => {
    for (const name of [
      'index.html',
      'main-7QZ2LKXW.js',
      'chunk-AB12CD34.js',
      'styles-EF56GH78.css',
    ]) {
      const original = readFileSync(join(webRoot, name));
      expect(brotliDecompressSync(readFileSync(join(webRoot, `${name}.br`)))).toEqual(original);
      expect(gunzipSync(readFileSync(join(webRoot, `${name}.gz`)))).toEqual(original);
    }
    expect(existsSync(join(webRoot, 'favicon.ico.br'))).toBe(true);
    // Fonts are compressed already.
    expect(existsSync(join(webRoot, 'media/roboto-latin-400-normal-IJ90KL12.woff2.br'))).toBe(
      false,
    );
  });

  it('sends the copy the browser prefers, never compressing per request', async () => {
    const original = FILES['main-7QZ2LKXW.js'];
    const br = await get('/main-7QZ2LKXW.js', ALL);
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload).toEqual(readFileSync(join(webRoot, 'main-7QZ2LKXW.js.br')));
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(original);

    const gzip = await get('/main-7QZ2LKXW.js', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(original);
    expect((await get('/main-7QZ2LKXW.js', 'br;q=0, gzip')).headers['content-encoding']).toBe(
      'gzip',
    );

    const plain = await get('/main-7QZ2LKXW.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(original);
  });

  it('keeps hashed files for a year, asks again for the page, and briefly keeps the rest', async () => {
    for (const url of [
      '/main-7QZ2LKXW.js',
      '/chunk-AB12CD34.js',
      '/styles-EF56GH78.css',
      '/media/roboto-latin-400-normal-IJ90KL12.woff2',
    ]) {
      for (const encoding of [ALL, undefined]) {
        const reply = await get(url, encoding);
        expect([url, reply.statusCode, reply.headers['cache-control']]).toEqual([
          url,
          200,
          IMMUTABLE,
        ]);
      }
    }
    const font = await get('/media/roboto-latin-400-normal-IJ90KL12.woff2', ALL);
    expect(font.headers['content-encoding']).toBeUndefined();

    const page = await get('/index.html', ALL);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString()).toBe(FILES['index.html']);

    const favicon = await get('/favicon.ico', ALL);
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');
    expect(favicon.headers['content-type']).toBe('image/vnd.microsoft.icon');
    expect(brotliDecompressSync(favicon.rawPayload)).toEqual(FILES['favicon.ico']);

    // A page revalidates cheaply: the same copy again is a 304.
    const again = await get('/index.html', ALL, { 'if-none-match': String(page.headers['etag']) });
    expect(again.statusCode).toBe(304);
  });

  it('sends the app’s page, pre-compressed and never cached unasked, for a deep link', async () => {
    for (const url of ['/', '/cases/deep-link', '/sign-in?returnUrl=%2Fprogress']) {
      const br = await get(url, ALL);
      expect([url, br.statusCode, br.headers['content-encoding']]).toEqual([url, 200, 'br']);
      expect(br.headers['cache-control']).toBe('no-cache');
      expect(br.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(br.headers['vary']).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(FILES['index.html']);
    }
    const gzip = await get('/cases/deep-link', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(FILES['index.html']);
    const plain = await get('/cases/deep-link');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(FILES['index.html']);
  });

  it('serves the compressed copies only through their file', async () => {
    const reply = await get('/main-7QZ2LKXW.js.br', ALL);
    expect(reply.statusCode).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
  });

  it('compresses API answers of 1 kB and more, which stay no-store', async () => {
    const docs = await get('/api/docs/openapi.json', ALL);
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers['cache-control']).toBe('no-store');
    expect(docs.headers['vary']).toMatch(/accept-encoding/i);
    const spec = JSON.parse(brotliDecompressSync(docs.rawPayload).toString()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/api/auth/login');

    const gzip = await get('/api/docs/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(spec);
    expect((await get('/api/docs/openapi.json')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves small API answers, errors included, as they are', async () => {
    const agent = await t.signIn(clinic.client);
    const me = await get('/api/auth/me', ALL, { cookie: `mend_session=${agent.cookie}` });
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(me.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(me.body)).toMatchObject({ email: clinic.client.email });

    const refused = await get('/api/auth/me', ALL);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('does not decompress request bodies: they are plain JSON', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-requested-with': 'test',
      },
      payload: gzipSync(JSON.stringify({ email: clinic.client.email, password: 'x' })),
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });
});
