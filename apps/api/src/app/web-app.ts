import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { constants } from 'node:zlib';

/** The files the web build also writes as `.br` and `.gz` (apps/web/compress.mjs): text and the favicon. */
const PRE_COMPRESSED = /\.(?:js|css|html|svg|json|txt|ico)$/;
/** Angular's output hashing: `main-7QZ2LKXW.js`, `chunk-….js`, `styles-….css`, `media/…`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

export const WEB_CACHING = {
  /** A hashed file never changes: a new build gives it a new name. */
  hashed: 'public, max-age=31536000, immutable',
  /** The page names the hashed files of the current build: always asked again (a 304 if unchanged). */
  page: 'no-cache',
  /** Anything else (the favicon) may change under the same name. */
  other: 'public, max-age=3600',
};

/** The Cache-Control of a file of the web app, by its path inside the build. */
export function webFileCaching(path: string): string {
  const file = path
    .split(sep)
    .join('/')
    .replace(/\.(?:br|gz)$/, '');
  if (file.endsWith('.html')) return WEB_CACHING.page;
  if (file.startsWith('media/') || HASHED.test(basename(file))) return WEB_CACHING.hashed;
  return WEB_CACHING.other;
}

/** Brotli, else gzip, when the request accepts it (`q=0` refuses). */
function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    String(header ?? '')
      .toLowerCase()
      .split(',')
      .map((part) => part.split(';'))
      .filter(([, ...params]) => !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p)))
      .map(([name]) => name.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

function readIfPresent(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

/**
 * Serves the built web app from `webRoot`, when there is one: each file as the build wrote it,
 * Brotli or gzip already (`preCompressed`: nothing is compressed per request), with caching by
 * kind (see WEB_CACHING). Returns index.html for the SPA fallback (ApiExceptionFilter), which
 * goes out pre-compressed as well.
 */
export async function registerWebApp(
  fastify: FastifyInstance,
  webRoot: string,
): Promise<{ indexHtml: string } | undefined> {
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const indexHtml = readFileSync(indexFile, 'utf8');
  const compressedIndex = {
    br: readIfPresent(`${indexFile}.br`),
    gzip: readIfPresent(`${indexFile}.gz`),
  };

  await fastify.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    // The compressed copies are found beside their file; they are no routes of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    // Ours instead (send's default is `public, max-age=0`).
    cacheControl: false,
    setHeaders: (response, path) => {
      const file = relative(webRoot, path);
      response.setHeader('cache-control', webFileCaching(file));
      if (PRE_COMPRESSED.test(file.replace(/\.(?:br|gz)$/, '')))
        response.setHeader('vary', 'accept-encoding');
    },
  });

  // The SPA fallback (a deep link such as /cases/…) sends index.html from the exception filter,
  // in Fastify's not-found handler, where no route's hooks run: swap in the build's copy.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (payload !== indexHtml || reply.hasHeader('content-encoding')) {
      done(null, payload);
      return;
    }
    void reply.header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    const compressed = encoding && compressedIndex[encoding];
    if (!encoding || !compressed) {
      done(null, payload);
      return;
    }
    void reply.header('content-encoding', encoding);
    done(null, compressed);
  });
  return { indexHtml };
}

/**
 * Compresses the API's answers of 1 kB and more for clients that accept it, Brotli at quality
 * 4 (most of the gain for a fraction of the CPU of 11) or gzip. Registered after the web app,
 * so its routes (pre-compressed already) get no compression hook; PDFs, images and event
 * streams are not compressible types and go out as they are. Request bodies are not
 * decompressed: they stay plain JSON.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyCompress, {
    globalCompression: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
