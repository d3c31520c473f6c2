import { PassThrough } from 'node:stream';
import { DomainError } from '@rapport/core';
import type { OwnerEvent } from '@rapport/db';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';

/** Under the server's 30-second idle timeout, and under most proxies' too. */
const HEARTBEAT_MS = 25_000;
/** How long a browser's EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 5_000;

/**
 * `GET /api/events`: the signed-in owner's live events as server-sent events (`event: <type>`,
 * `data: <json>`), e.g. "Jordan shared their number". On PostgreSQL they come from any server
 * process (LISTEN/NOTIFY); events are not replayed, so the app reads the API after reconnecting.
 */
export function registerEventRoutes(app: ZodApp, deps: RouteDeps): void {
  const open = new Set<PassThrough>();
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
      const accountId = await authenticate(request, deps);
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        throw new DomainError(
          'invalid-input',
          'this is a stream of server-sent events: send Accept: text/event-stream (EventSource does)',
          'accept',
        );
      }
      const stream = new PassThrough();
      const write = (text: string) => {
        if (!stream.writableEnded) stream.write(text);
      };
      const stop = await deps.store.events.subscribe(accountId, (event: OwnerEvent) => {
        write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS).unref();
      open.add(stream);
      const end = () => {
        clearInterval(heartbeat);
        stop();
        open.delete(stream);
        if (!stream.writableEnded) stream.end();
      };
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
