// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file (and the favicon) of the
// built web app, so the API sends them as they are (@fastify/static `preCompressed`) instead of
// compressing every request. Brotli at quality 11 and gzip at level 9: slow, paid once a build.
//   node apps/web/compress.mjs [dist/apps/web/browser]
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const ROOT = join(import.meta.dirname, '../..');
const webRoot = resolve(ROOT, process.argv[2] ?? 'dist/apps/web/browser');
/** Keep in step with PRE_COMPRESSED in apps/api/src/app/web-app.ts. */
const TEXT = /\.(?:js|css|html|svg|json|txt|ico)$/;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* textFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (TEXT.test(entry.name)) yield path;
  }
}

/** Whether `copy` was written after `file` changed (a rerun on the same build skips it). */
async function fresh(copy, file) {
  try {
    return (await stat(copy)).mtimeMs >= (await stat(file)).mtimeMs;
  } catch {
    return false;
  }
}

async function compress(file) {
  if ((await fresh(`${file}.br`, file)) && (await fresh(`${file}.gz`, file))) return null;
  const content = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy no smaller than the file is left out: the server then sends the file itself.
  const keep = (copy, compressed) =>
    compressed.length < content.length ? writeFile(copy, compressed) : rm(copy, { force: true });
  await Promise.all([keep(`${file}.br`, br), keep(`${file}.gz`, gz)]);
  return { file, size: content.length, br: br.length, gz: gz.length };
}

const started = Date.now();
const files = [];
for await (const file of textFiles(webRoot)) files.push(file);
if (!files.some((file) => file.endsWith('index.html'))) {
  console.error(`No built web app in ${relative(ROOT, webRoot)}: build it first.`);
  process.exit(1);
}
// zlib's asynchronous calls run on libuv's thread pool: all files at once use every core.
const results = (await Promise.all(files.map(compress))).filter(Boolean);
const sum = (key) => results.reduce((total, result) => total + result[key], 0);
const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
console.log(
  results.length
    ? `Compressed ${results.length} files of ${relative(ROOT, webRoot)} in ${Date.now() - started} ms: ` +
        `${kB(sum('size'))} → Brotli ${kB(sum('br'))}, gzip ${kB(sum('gz'))}.`
    : `The compressed copies in ${relative(ROOT, webRoot)} are up to date.`,
);
