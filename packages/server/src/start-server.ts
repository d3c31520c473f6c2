import { openStore } from '@rapport/db';
import { buildApp } from './app.ts';
import { describeConfig, type ServerConfig } from './config.ts';

export interface StartOptions {
  /** Connections the process's limit of open files leaves room for, when it is known. */
  connectionsForFiles?: number | undefined;
}

/** Opens the store, builds the app and listens; answers a function that stops it cleanly. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  const app = await buildApp({ store, config });
  // Connections over the cap are ended as they come, before they can use the last descriptor.
  const maxConnections = Math.min(
    config.maxConnections,
    options.connectionsForFiles ?? Number.POSITIVE_INFINITY,
  );
  app.server.maxConnections = maxConnections;
  app.log.info({ config: describeConfig(config), store: store.kind, maxConnections }, 'starting Rapport');
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
