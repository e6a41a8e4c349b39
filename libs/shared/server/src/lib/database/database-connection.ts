import type { AppConfig } from '../config/app-config';
import {
  EMBEDDED_POOL_SIZE,
  findRunningEmbeddedPostgres,
  startEmbeddedPostgres,
} from './embedded-postgres';

export interface DatabaseConnection {
  url: string;
  poolSize: number;
  embedded: boolean;
  /** Stops the embedded server this process started; a no-op otherwise. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL, joining the one the running portal
 * serves from the same data folder or starting it.
 */
export async function connectDatabase(config: AppConfig): Promise<DatabaseConnection> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      poolSize: config.databasePoolSize ?? 10,
      embedded: false,
      close: async () => undefined,
    };
  }
  const running = await findRunningEmbeddedPostgres(config.embeddedDbDir);
  if (running) {
    return {
      url: running,
      poolSize: EMBEDDED_POOL_SIZE,
      embedded: true,
      close: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres({ dataDir: config.embeddedDbDir });
  return {
    url: server.url,
    poolSize: EMBEDDED_POOL_SIZE,
    embedded: true,
    close: () => server.stop(),
  };
}
