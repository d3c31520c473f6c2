import { ApiError } from '../api.ts';
import { askedAt, fetchEncountersWith, fetchPerson, fetchPlan } from './person-api.ts';

/** What Compose knows about who the message is for: enough for the coach and the `sms:` link. */
export interface ComposeContext {
  personId: string;
  name: string;
  phone: string | null;
  phoneDisplay: string | null;
  /** What we talked about when we met (the latest encounter), for the coach's "shared topic". */
  topics: string[];
  /** When we met (the ask), for "too soon"; null when no encounter is on record. */
  metAt: string | null;
  place: string | null;
  /** My messages since their last reply, for "double text". */
  unanswered: number;
  /** True when read from this device's copy because the server was out of reach. */
  offline: boolean;
}

const CACHE_PREFIX = 'rapport.compose.context.';

/**
 * Reads the person, their plan and our latest encounter; keeps a copy on this device so the coach
 * still knows the context with no signal. Offline with no copy, the ApiError `offline` is thrown.
 */
export async function loadComposeContext(accountId: string, personId: string): Promise<ComposeContext> {
  try {
    const [person, plan, encounters] = await Promise.all([
      fetchPerson(personId),
      fetchPlan(personId),
      fetchEncountersWith(personId),
    ]);
    const latest = encounters[0];
    const context: ComposeContext = {
      personId,
      name: person.name,
      phone: person.phone,
      phoneDisplay: person.phoneDisplay,
      topics: latest?.topics ?? [],
      metAt: latest ? askedAt(latest) : person.consent.at,
      place: latest?.place ?? person.whereMet,
      unanswered: plan.unanswered,
      offline: false,
    };
    remember(accountId, context);
    return context;
  } catch (error: unknown) {
    const copy =
      error instanceof ApiError && error.code === 'offline' ? recall(accountId, personId) : undefined;
    if (copy) return { ...copy, offline: true };
    throw error;
  }
}

// Keyed by account too: someone else signing in on this device never sees my copy.
function remember(accountId: string, context: ComposeContext): void {
  try {
    localStorage.setItem(`${CACHE_PREFIX}${accountId}.${context.personId}`, JSON.stringify(context));
  } catch {
    // Storage full or disabled: only the offline copy is lost.
  }
}

function recall(accountId: string, personId: string): ComposeContext | undefined {
  try {
    const stored = localStorage.getItem(`${CACHE_PREFIX}${accountId}.${personId}`);
    return stored ? (JSON.parse(stored) as ComposeContext) : undefined;
  } catch {
    return undefined;
  }
}
