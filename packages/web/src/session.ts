import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, whenUnauthenticated } from './api.ts';

/** My account as GET /api/settings answers it. */
export interface Account {
  id: string;
  email: string;
  role: 'owner' | 'member';
  settings: {
    name: string | null;
    phoneRegion: string;
    timeZone: string;
    quietHours: { start: string; end: string };
    firstTextDelayHours: number;
  };
  createdAt: string;
}

/** `loading` at start; `signed-out` shows the welcome screen; `offline` keeps the last known account. */
export type Session =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; account: Account; offline: boolean };

const CACHE_KEY = 'rapport.account';
let current: Session = { state: 'loading' };
const listeners = new Set<(session: Session) => void>();

function publish(next: Session): void {
  const wasSignedIn = current.state === 'signed-in' || localStorage.getItem(CACHE_KEY) !== null;
  current = next;
  if (next.state === 'signed-in') localStorage.setItem(CACHE_KEY, JSON.stringify(next.account));
  // A moment someone tries out before having an account stays; a session that ended takes its data.
  if (next.state === 'signed-out' && wasSignedIn) forgetLocalData();
  for (const listener of listeners) listener(next);
}

/**
 * Everything this app keeps on the device (the account, Today's list, people's compose context, a
 * moment in progress) is under `rapport.` keys: signing out or deleting the account leaves none of it.
 */
function forgetLocalData(): void {
  for (const storage of [localStorage, sessionStorage]) {
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
    for (const key of keys) if (key?.startsWith('rapport.')) storage.removeItem(key);
  }
}

/** Asks the server who is signed in; offline, the last known account keeps the app usable. */
export async function refreshSession(): Promise<void> {
  try {
    const { account } = await api<{ account: Account }>('GET', '/api/settings');
    publish({ state: 'signed-in', account, offline: false });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'offline') {
      const cached = localStorage.getItem(CACHE_KEY);
      if (cached) publish({ state: 'signed-in', account: JSON.parse(cached) as Account, offline: true });
      else publish({ state: 'signed-out' });
      return;
    }
    publish({ state: 'signed-out' });
  }
}

/** After sign-up, sign-in or a settings change: the account the server answered. */
export function setAccount(account: Account): void {
  publish({ state: 'signed-in', account, offline: false });
}

/**
 * Ends this session on the server, or (`everywhere`) every session of mine and every API token.
 * The caller then leaves the signed-in screens and calls forgetSession() in the same turn, so that
 * no signed-in screen renders without an account.
 */
export async function signOut(everywhere = false): Promise<void> {
  await api('DELETE', everywhere ? '/api/sessions' : '/api/sessions/current');
}

/** Forgets the session locally (after deleting everything, or a 401). */
export function forgetSession(): void {
  publish({ state: 'signed-out' });
}

whenUnauthenticated(() => {
  if (current.state === 'signed-in') publish({ state: 'signed-out' });
});

export function useSession(): Session {
  const [session, setSession] = useState(current);
  useEffect(() => {
    listeners.add(setSession);
    setSession(current);
    return () => {
      listeners.delete(setSession);
    };
  }, []);
  return session;
}

/** The signed-in account; screens behind the sign-in gate may rely on it. */
export function useAccount(): Account {
  const session = useSession();
  if (session.state !== 'signed-in') throw new Error('useAccount outside the signed-in app');
  return session.account;
}
