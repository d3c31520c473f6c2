import { DomainError } from '@rapport/core';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { buildCalendarFeed, FEED_REMINDER_KINDS } from '../calendar-feed.ts';
import { hashSecret, mintSecret } from '../secret-tokens.ts';

/** `<secret>.ics`, the secret being 128 bits in base64url (22 characters). */
const FEED_FILE = /^([A-Za-z0-9_-]{22})\.ics$/;

export function registerCalendarRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/calendar/reset',
    {
      schema: {
        summary:
          'Make a new secret address for my calendar feed. The old address stops working at once. ' +
          'The address is shown once: only a hash of its secret is kept.',
        response: { 200: z.object({ url: z.string().describe('subscribe to it in a calendar app') }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const { secret, hash } = mintSecret();
      await deps.store.credentials.resetCalendarFeed(accountId, hash, deps.now().toISOString());
      return { url: `${deps.config.publicUrl}/calendar/${secret}.ics` };
    },
  );

  app.get(
    '/calendar/:file',
    {
      schema: {
        summary: 'My follow-ups and meetups as an iCalendar feed (RFC 5545), at a secret address.',
        params: z.strictObject({ file: z.string().max(200) }),
      },
      // Calendar apps poll about hourly; this is for someone trying addresses
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      // Set before anything can fail, so the 404 and 429 answers carry them too
      onRequest: async (_request, reply) => {
        setPrivateHeaders(reply);
      },
    },
    async (request, reply) => {
      const secret = FEED_FILE.exec(request.params.file)?.[1];
      const accountId = secret
        ? await deps.store.credentials.findCalendarFeed(hashSecret(secret))
        : undefined;
      // The same answer as any unknown address: a feed that never existed and one that was reset look alike
      if (!accountId) throw new DomainError('not-found', 'not found');
      const reminders = await deps.store.reminders.listPendingOfKinds(accountId, FEED_REMINDER_KINDS);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="rapport.ics"')
        .send(buildCalendarFeed(reminders, deps.now()));
    },
  );
}

function setPrivateHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
}
