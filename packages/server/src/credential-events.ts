import type { AccountId } from '@rapport/db';
import type { RouteDeps } from './app.ts';

/**
 * The event that tells an account's open event streams, in every server process, that some of its
 * sessions or tokens ended: each stream checks its own credential and ends if that one is gone.
 * Streams never pass it on to the app.
 */
export const CREDENTIALS_ENDED = 'credentials-ended';

/** Call after the commit that ended sessions or tokens (sign-out, revoke, password change, delete). */
export async function announceCredentialsEnded(deps: RouteDeps, accountId: AccountId): Promise<void> {
  try {
    await deps.store.events.publish(accountId, { type: CREDENTIALS_ENDED });
  } catch (_error: unknown) {
    // The credentials have ended already; a stream that missed this checks again at its next heartbeat.
  }
}
