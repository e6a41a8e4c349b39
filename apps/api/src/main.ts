import 'reflect-metadata';
import { connectDatabase, loadConfig } from '@mend/shared/server';
import { createApp } from './app/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await connectDatabase(config);
  const app = await createApp(config, database);
  // Stop in order: requests and connections first, then the embedded database, so its files
  // are closed cleanly.
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen(config.port, config.host);
  const where = database.embedded ? 'the embedded PostgreSQL (PGlite)' : 'DATABASE_URL';
  // Plain stdout on purpose: this is the line a person starting the portal looks for.
  console.log(`Mend is running at ${config.publicUrl} (database: ${where}).`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Mend could not start: ${message}`);
  process.exit(1);
});
