import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './0001-initial-schema.ts';
import * as loginFailures from './0002-login-failures.ts';
import * as contactExchange from './0003-contact-exchange.ts';
import * as introductionsAndBlocks from './0004-introductions-and-blocks.ts';
import * as exchangeLinkAnswers from './0005-exchange-link-answers.ts';
import * as consentInvariants from './0006-consent-invariants.ts';
import * as signInLimits from './0007-sign-in-limits.ts';

/**
 * Every migration, in order, listed in code rather than read from a folder, so the same history
 * runs from the sources, from a bundle and in tests. Never edit a migration that has shipped: add one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-login-failures': loginFailures,
  '0003-contact-exchange': contactExchange,
  '0004-introductions-and-blocks': introductionsAndBlocks,
  '0005-exchange-link-answers': exchangeLinkAnswers,
  '0006-consent-invariants': consentInvariants,
  '0007-sign-in-limits': signInLimits,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
