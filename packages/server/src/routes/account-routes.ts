import { DomainError, isValidTimeZone, parseQuietHours } from '@rapport/core';
import type { Account, AccountId, AccountSettings, ApiTokenId } from '@rapport/db';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate, endSession, startSession } from '../authenticate.ts';
import { eraseDeleted } from '../erase-deleted.ts';
import { nameSchema } from '../name-schema.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { isRegion } from '../phone-numbers.ts';
import { hashSecret, mintSecret } from '../secret-tokens.ts';

const HOUR_MS = 60 * 60 * 1000;
/** RELIABILITY.md: at most 100 failed sign-ins per account per hour (per email, existing or not). */
const MAX_FAILED_LOGINS_PER_HOUR = 100;

const email = z
  .email('email must be an email address, e.g. alex@example.org')
  .max(254)
  .transform((value) => value.toLowerCase());
const password = z.string().min(10, 'password must be at least 10 characters').max(200);
const timeZone = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'timeZone must be an IANA time zone, e.g. Europe/Berlin');
const phoneRegion = z
  .string()
  .regex(/^[A-Z]{2}$/, 'phoneRegion must be a two-letter country code, e.g. DE')
  .refine(isRegion, 'phoneRegion must be a country with phone numbers, e.g. DE');
const quietHours = z
  .string()
  .refine((text) => parseQuietHours(text).ok, 'quietHours must look like 22:00-08:00, at most 16 hours')
  .transform((text) => {
    const parsed = parseQuietHours(text);
    return parsed.ok ? parsed.value : { start: '22:00', end: '08:00' };
  });
const settingsPatch = z.strictObject({
  name: nameSchema.nullable().optional(),
  phoneRegion: phoneRegion.optional(),
  timeZone: timeZone.optional(),
  quietHours: quietHours.optional(),
  firstTextDelayHours: z.number().min(0).max(48).optional(),
});

export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'member']),
  settings: z.object({
    name: z.string().nullable(),
    phoneRegion: z.string(),
    timeZone: z.string(),
    quietHours: z.object({ start: z.string(), end: z.string() }),
    firstTextDelayHours: z.number(),
  }),
  createdAt: z.string(),
});

const DEFAULT_SETTINGS: AccountSettings = {
  name: null,
  phoneRegion: 'US',
  timeZone: 'UTC',
  quietHours: { start: '22:00', end: '08:00' },
  firstTextDelayHours: 3,
};

export function registerAccountRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/accounts',
    {
      schema: {
        summary: 'Create an account. The first one is the owner; others only when sign-ups are open.',
        body: z.strictObject({ email, password, ...settingsPatch.shape }),
        response: { 201: z.object({ account: accountSchema }), 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const { email: address, password: secret, ...patch } = request.body;
      const isFirst = (await deps.store.accounts.count()) === 0;
      if (!isFirst && !deps.config.allowSignups) {
        throw new DomainError('signups-closed', 'this server does not take new sign-ups; ask its owner');
      }
      const account = await deps.store.accounts.create({
        id: deps.newId() as AccountId,
        email: address,
        passwordHash: await hashPassword(secret),
        settings: applySettings(DEFAULT_SETTINGS, patch),
        now: deps.now().toISOString(),
      });
      if (account?.role === 'owner') {
        await startSession(reply, account.id, deps);
        return reply.status(201).send({ account });
      }
      // Later sign-ups answer alike whether or not the email was free: no endpoint tells who has an account.
      return reply
        .status(202)
        .send({ message: 'If that email was free, the account exists now: sign in with it.' });
    },
  );

  app.post(
    '/api/sessions',
    {
      schema: {
        summary: 'Sign in: sets the session cookie.',
        body: z.strictObject({ email, password: z.string().min(1).max(200) }),
        response: { 200: z.object({ account: accountSchema }) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const now = deps.now();
      const emailHash = hashSecret(request.body.email);
      const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
      if (
        (await deps.store.credentials.countLoginFailures(emailHash, hourAgo)) >= MAX_FAILED_LOGINS_PER_HOUR
      ) {
        reply.header('retry-after', String(HOUR_MS / 1000));
        throw new DomainError(
          'rate-limited',
          'too many failed sign-ins for this email: try again in an hour',
        );
      }
      const found = await deps.store.accounts.findCredentials(request.body.email);
      const ok = await verifyPassword(found?.passwordHash, request.body.password);
      if (!found || !ok) {
        await deps.store.credentials.recordLoginFailure(emailHash, now.toISOString(), hourAgo);
        throw new DomainError('unauthenticated', 'that email and password do not match an account');
      }
      await startSession(reply, found.account.id, deps);
      return { account: found.account };
    },
  );

  app.delete('/api/sessions/current', { schema: { summary: 'Sign out.' } }, async (request, reply) => {
    await authenticate(request, deps);
    await endSession(request, reply, deps);
    return reply.status(204).send();
  });

  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'Create an API token for scripts and the CLI. The token is shown once.',
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ id: z.string(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const { secret, hash } = mintSecret();
      const id = deps.newId() as ApiTokenId;
      await deps.store.credentials.createApiToken({
        id,
        accountId,
        tokenHash: hash,
        name: request.body.name,
        now: deps.now().toISOString(),
      });
      return reply.status(201).send({ id, name: request.body.name, token: secret });
    },
  );

  app.get(
    '/api/settings',
    {
      schema: {
        summary: 'My account and settings.',
        response: { 200: z.object({ account: accountSchema }) },
      },
    },
    async (request) => {
      return { account: await currentAccount(await authenticate(request, deps), deps) };
    },
  );

  app.patch(
    '/api/settings',
    {
      schema: {
        summary: 'Change my settings.',
        body: settingsPatch,
        response: { 200: z.object({ account: accountSchema }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const account = await currentAccount(accountId, deps);
      const updated = await deps.store.accounts.updateSettings(
        accountId,
        applySettings(account.settings, request.body),
      );
      return { account: updated ?? account };
    },
  );

  app.delete(
    '/api/account',
    { schema: { summary: 'Delete my account and everything of it, at once.' } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      await deps.store.accounts.delete(accountId);
      await endSession(request, reply, deps);
      await eraseDeleted(request, deps);
      return reply.status(204).send();
    },
  );
}

async function currentAccount(accountId: AccountId, deps: RouteDeps): Promise<Account> {
  const account = await deps.store.accounts.get(accountId);
  if (!account) throw new DomainError('unauthenticated', 'this account no longer exists');
  return account;
}

function applySettings(base: AccountSettings, patch: z.infer<typeof settingsPatch>): AccountSettings {
  return {
    name: patch.name === undefined ? base.name : patch.name,
    phoneRegion: patch.phoneRegion ?? base.phoneRegion,
    timeZone: patch.timeZone ?? base.timeZone,
    quietHours: patch.quietHours ?? base.quietHours,
    firstTextDelayHours: patch.firstTextDelayHours ?? base.firstTextDelayHours,
  };
}
