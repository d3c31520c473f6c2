import { openStore } from '@rapport/db';
import { buildApp } from './app.ts';
import { describeConfig, type ServerConfig } from './config.ts';

/** Opens the store, builds the app and listens; answers a function that stops it cleanly. */
export async function startServer(config: ServerConfig): Promise<{ url: string; stop: () => Promise<void> }> {
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  const app = await buildApp({ store, config });
  app.log.info({ config: describeConfig(config), store: store.kind }, 'starting Rapport');
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error: unknown) {
    await app.close();
    await store.close();
    throw error;
  }
  const stop = async () => {
    await app.close();
    await store.close();
  };
  return { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`, stop };
}
