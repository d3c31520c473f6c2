import { DomainError, isValidTimeZone, parseQuietHours } from '@rapport/core';
import type { Account, AccountId, AccountSettings } from '@rapport/db';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate, endSession, startSession } from '../authenticate.ts';
import { announceCredentialsEnded } from '../credential-events.ts';
import { eraseDeleted } from '../erase-deleted.ts';
import { nameSchema } from '../name-schema.ts';
import { hashPassword, newPasswordSchema } from '../passwords.ts';
import { isRegion } from '../phone-numbers.ts';
import { countSignUpOrRefuse, rememberSignIn } from '../sign-in-limits.ts';
import { accountSchema, emailSchema } from './account-schemas.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerTokenRoutes } from './token-routes.ts';

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
        body: z.strictObject({ email: emailSchema, password: newPasswordSchema, ...settingsPatch.shape }),
        response: { 201: z.object({ account: accountSchema }), 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const { email: address, password: secret, ...patch } = request.body;
      const isFirst = (await deps.store.accounts.count()) === 0;
      if (!isFirst && !deps.config.allowSignups) throw signupsClosed();
      await countSignUpOrRefuse(deps, reply, request.ip);
      const account = await deps.store.accounts.create({
        id: deps.newId() as AccountId,
        email: address,
        passwordHash: await hashPassword(secret),
        settings: applySettings(DEFAULT_SETTINGS, patch),
        now: deps.now().toISOString(),
        ownerOnly: !deps.config.allowSignups,
      });
      // Closed sign-ups and racing first sign-ups: the one that made the owner is the only one.
      if (!account && !deps.config.allowSignups) throw signupsClosed();
      if (account?.role === 'owner') {
        await rememberSignIn(deps, account, request.ip);
        await startSession(reply, account.id, deps);
        return reply.status(201).send({ account });
      }
      // Later sign-ups answer alike whether or not the email was free: no endpoint tells who has an account.
      return reply
        .status(202)
        .send({ message: 'If that email was free, the account exists now: sign in with it.' });
    },
  );

  registerSessionRoutes(app, deps);
  registerTokenRoutes(app, deps);

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
      await announceCredentialsEnded(deps, accountId);
      await eraseDeleted(request, deps);
      return reply.status(204).send();
    },
  );
}

function signupsClosed(): DomainError {
  return new DomainError('signups-closed', 'this server does not take new sign-ups; ask its owner');
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
