import { PassThrough } from 'node:stream';
import { DomainError } from '@rapport/core';
import type { OwnerEvent } from '@rapport/db';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticateCredential, isCredentialLive } from '../authenticate.ts';
import { CREDENTIALS_ENDED } from '../credential-events.ts';

/** Under the server's 30-second idle timeout, and under most proxies' too. */
const HEARTBEAT_MS = 25_000;
/** How long a browser's EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 5_000;
/** Open streams per session or token, in this process: an app open in a few tabs, not hundreds. */
export const MAX_STREAMS_PER_CREDENTIAL = 5;

/**
 * `GET /api/events`: the signed-in owner's live events as server-sent events (`event: <type>`,
 * `data: <json>`), e.g. "Jordan shared their number". On PostgreSQL they come from any server
 * process (LISTEN/NOTIFY); events are not replayed, so the app reads the API after reconnecting.
 * A stream ends when its session or token does: at once when that is announced (sign-out, revoke,
 * password change, account deleted, in any process), and at the next heartbeat after an expiry.
 */
export function registerEventRoutes(app: ZodApp, deps: RouteDeps): void {
  const open = new Set<PassThrough>();
  /** Open streams by the hash of the session or token that opened them. */
  const openByCredential = new Map<string, number>();
  // Streams never end on their own: end them, or closing the server would wait for every client.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get(
    '/api/events',
    {
      schema: {
        summary:
          'My live events as server-sent events (text/event-stream): shared-back, link-declined. ' +
          'Send Accept: text/event-stream, as EventSource does. A comment line every 25 s keeps it open.',
      },
    },
    async (request, reply) => {
      const { accountId, credential } = await authenticateCredential(request, deps);
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        throw new DomainError(
          'invalid-input',
          'this is a stream of server-sent events: send Accept: text/event-stream (EventSource does)',
          'accept',
        );
      }
      const opened = openByCredential.get(credential.hash) ?? 0;
      if (opened >= MAX_STREAMS_PER_CREDENTIAL) {
        reply.header('retry-after', String(RETRY_MS / 1000));
        throw new DomainError(
          'rate-limited',
          `at most ${MAX_STREAMS_PER_CREDENTIAL} live event streams may be open per session: close another tab of the app first`,
        );
      }
      openByCredential.set(credential.hash, opened + 1);
      const stream = new PassThrough();
      const write = (text: string) => {
        if (!stream.writableEnded) stream.write(text);
      };
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        stop();
        open.delete(stream);
        const left = (openByCredential.get(credential.hash) ?? 1) - 1;
        if (left > 0) openByCredential.set(credential.hash, left);
        else openByCredential.delete(credential.hash);
        if (!stream.writableEnded) stream.end();
      };
      const endUnlessLive = () => {
        isCredentialLive(credential, deps).then(
          (live) => {
            if (!live) end();
          },
          () => undefined, // the database is unavailable: keep the stream, and ask at the next heartbeat
        );
      };
      let stop: () => void = () => undefined;
      const heartbeat = setInterval(() => {
        write(': heartbeat\n\n');
        endUnlessLive();
      }, HEARTBEAT_MS).unref();
      try {
        stop = await deps.store.events.subscribe(accountId, (event: OwnerEvent) => {
          if (event.type === CREDENTIALS_ENDED) endUnlessLive();
          else write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        });
      } catch (error: unknown) {
        end();
        throw error;
      }
      // Ended between signing this request in and listening: the announcement came before we listened.
      endUnlessLive();
      open.add(stream);
      reply.raw.once('close', end);
      stream.once('close', end);
      // Listening already: an event published from now on reaches this stream.
      write(`retry: ${RETRY_MS}\n: listening\n\n`);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );
}
