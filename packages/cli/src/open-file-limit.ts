import { readFileSync } from 'node:fs';

/**
 * Descriptors `rapport serve` needs for itself: the files of its code while loading, the database
 * and its journal, the web app's files as they are sent. Measured: it starts with 64 and not with 48.
 */
const FILES_FOR_ITSELF = 64;
/** Fewer connections than this would turn the owner away under light use. */
const MIN_CONNECTIONS = 16;

/** The soft limit of open files of this process (Linux: /proc/self/limits); undefined when unknown or unlimited. */
export function readOpenFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('Max open files'));
    const soft = Number(line?.slice('Max open files'.length).trim().split(/\s+/)[0]);
    return Number.isInteger(soft) ? soft : undefined;
  } catch (_error: unknown) {
    return undefined; // not Linux: the limit is not known, and the server's own cap applies
  }
}

/**
 * How many connections fit beside what the server needs under the limit (undefined: no limit known),
 * or the one line that says what it needs.
 */
export function connectionsWithin(
  limit: number | undefined,
): { ok: true; connections: number | undefined } | { ok: false; message: string } {
  if (limit === undefined) return { ok: true, connections: undefined };
  const needed = FILES_FOR_ITSELF + MIN_CONNECTIONS;
  if (limit >= needed) return { ok: true, connections: limit - FILES_FOR_ITSELF };
  return {
    ok: false,
    message: `the limit of open files is ${limit} and Rapport needs at least ${needed} (${FILES_FOR_ITSELF} for itself, ${MIN_CONNECTIONS} for connections): raise it, e.g. ulimit -n 1024`,
  };
}
