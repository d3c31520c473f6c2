import { readConfig, startServer } from '@rapport/server';
import type { CliIo } from '../cli-io.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const FLAGS = { port: { type: 'string' }, host: { type: 'string' } } as const;

/**
 * Starts the server and runs until Ctrl-C or SIGTERM; then closes it cleanly. `connectionsForFiles`:
 * how many connections the limit of open files leaves room for, when it is known.
 */
export async function runServe(
  args: readonly string[],
  io: CliIo,
  connectionsForFiles?: number,
): Promise<number> {
  const { values } = parseFlags('serve', args, FLAGS);
  const env = { ...io.env };
  if (values.port !== undefined) env.PORT = values.port as string;
  if (values.host !== undefined) env.HOST = values.host as string;
  const config = readServerConfig(env);
  const server = await startServer(config, { connectionsForFiles });
  io.stderr(
    `Rapport is running at ${server.url} (${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.sqliteFile}`}). Ctrl-C stops it.`,
  );
  await io.stopSignal();
  await server.stop();
  return 0;
}

/** The server's configuration from the environment; a bad value is a usage error naming it. */
export function readServerConfig(env: Readonly<Record<string, string | undefined>>) {
  try {
    return readConfig(env);
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
