import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { AccountId } from './ids.ts';

/** Something that happened for an owner, e.g. `{ type: 'shared-back', personId, name, message }`. */
export interface OwnerEvent {
  type: string;
  [field: string]: unknown;
}

/**
 * Live events for an owner's open apps. On SQLite (one process) they stay in the process; on
 * PostgreSQL they go through `LISTEN/NOTIFY`, so an event published by one server process reaches
 * the streams held by every other. Delivery is at most once: an app that was not listening reads
 * the state from the API instead.
 */
export interface EventChannel {
  /** Delivers the event to the owner's listeners in every process. Call it after the commit. */
  publish(accountId: AccountId, event: OwnerEvent): Promise<void>;
  /** Listens for the owner's events; resolves once listening, with the function that stops it. */
  subscribe(accountId: AccountId, listener: (event: OwnerEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** The PostgreSQL channel every process listens on; its payload is `{ accountId, event }`. */
export const EVENT_CHANNEL_NAME = 'rapport_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MS = 1_000;

/** The channel of a store one process owns: an EventEmitter. */
export function createMemoryEventChannel(): EventChannel {
  const local = createListeners();
  return {
    publish: async (accountId, event) => {
      local.emit(accountId, event);
    },
    subscribe: async (accountId, listener) => local.add(accountId, listener),
    close: async () => {
      local.clear();
    },
  };
}

/**
 * The channel of a PostgreSQL store: NOTIFY through the pool; LISTEN on one dedicated connection,
 * opened when the first listener arrives and reopened after it is lost.
 */
export function createPostgresEventChannel(connectionString: string, pool: pg.Pool): EventChannel {
  const local = createListeners();
  let listening: Promise<pg.Client> | undefined;
  let closed = false;

  const listen = (): Promise<pg.Client> => {
    listening ??= connectListener(connectionString, local, () => {
      listening = undefined;
      // A lost connection: listen again while anyone still waits for events.
      if (!closed && local.size() > 0) {
        setTimeout(() => {
          if (!closed && local.size() > 0) listen().catch(() => undefined);
        }, RECONNECT_MS).unref();
      }
    });
    listening.catch(() => {
      listening = undefined;
    });
    return listening;
  };

  return {
    async publish(accountId, event) {
      const payload = JSON.stringify({ accountId, event });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        throw new Error(`an event of ${Buffer.byteLength(payload)} bytes is too large for NOTIFY`);
      }
      await pool.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL_NAME, payload]);
    },
    async subscribe(accountId, listener) {
      if (closed) throw new Error('the event channel is closed');
      const stop = local.add(accountId, listener);
      try {
        await listen();
      } catch (error: unknown) {
        stop();
        throw error;
      }
      return stop;
    },
    async close() {
      closed = true;
      local.clear();
      const client = await listening?.catch(() => undefined);
      listening = undefined;
      await client?.end().catch(() => undefined); // already gone: nothing left to close
    },
  };
}

async function connectListener(
  connectionString: string,
  local: Listeners,
  onLost: () => void,
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  let lost = false;
  const lose = () => {
    if (lost) return;
    lost = true;
    onLost();
  };
  client.on('error', lose);
  client.on('end', lose);
  client.on('notification', (message) => {
    if (message.channel !== EVENT_CHANNEL_NAME || !message.payload) return;
    const parsed = parsePayload(message.payload);
    if (parsed) local.emit(parsed.accountId, parsed.event);
  });
  await client.connect();
  await client.query(`LISTEN ${EVENT_CHANNEL_NAME}`);
  return client;
}

function parsePayload(payload: string): { accountId: AccountId; event: OwnerEvent } | undefined {
  try {
    const value = JSON.parse(payload) as { accountId?: unknown; event?: { type?: unknown } };
    if (typeof value.accountId !== 'string' || typeof value.event?.type !== 'string') return undefined;
    return { accountId: value.accountId as AccountId, event: value.event as OwnerEvent };
  } catch (_error: unknown) {
    return undefined; // not ours (someone else's NOTIFY on the channel): ignore it
  }
}

type Listeners = ReturnType<typeof createListeners>;

function createListeners() {
  const emitter = new EventEmitter();
  // One listener per open stream: many open apps are expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    add(accountId: AccountId, listener: (event: OwnerEvent) => void): () => void {
      emitter.on(accountId, listener);
      return () => emitter.off(accountId, listener);
    },
    emit(accountId: AccountId, event: OwnerEvent): void {
      emitter.emit(accountId, event);
    },
    size: () => emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0),
    clear: (): void => {
      emitter.removeAllListeners();
    },
  };
}
