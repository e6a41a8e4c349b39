import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * Mend's embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) served on a loopback
 * port over the Postgres wire protocol, so the API talks to it with the same `pg` driver,
 * migrations and SQL it uses against a real server. It is for trying the portal, demos and
 * development; production runs on a real PostgreSQL (DATABASE_URL).
 *
 * PGlite executes one query at a time, so callers size their pool to a single connection.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_POOL_SIZE = 1;

interface RunningInfo {
  pid: number;
  port: number;
}

function runningInfoFile(dataDir: string): string {
  return join(dirname(resolve(dataDir)), 'pglite.json');
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.connect(port, '127.0.0.1');
  });
}

function urlFor(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/**
 * The address of an embedded server another process (the running portal) already serves from
 * this data folder, if any. PGlite cannot open one folder twice, so commands join it instead.
 */
export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  const file = runningInfoFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RunningInfo;
    process.kill(info.pid, 0);
    return (await canConnect(info.port)) ? urlFor(info.port) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts PGlite on `dataDir` (created if missing; `memory://` keeps nothing) and serves it on a
 * loopback port.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(inMemory ? options.dataDir : resolve(options.dataDir));
  const port = options.port || (await freePort());
  // A few connections so a command (clinic:create) can join while the portal runs; PGlite
  // still runs their queries one after another.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 4 });
  await server.start();
  const infoFile = inMemory ? undefined : runningInfoFile(options.dataDir);
  if (infoFile)
    writeFileSync(infoFile, JSON.stringify({ pid: process.pid, port } satisfies RunningInfo));
  return {
    url: urlFor(port),
    async stop() {
      await server.stop();
      await db.close();
      if (infoFile) rmSync(infoFile, { force: true });
    },
  };
}
