/**
 * The tables as Kysely sees them. Times are ISO 8601 UTC text ("2026-03-28T19:00:00.000Z") on both
 * stores, so one query sorts and compares them the same way; booleans are 0/1 integers; lists are
 * JSON text. Mapping to domain types happens in the stores, never above them.
 */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  calendar_feeds: CalendarFeedsTable;
  people: PeopleTable;
  encounters: EncountersTable;
  cue_events: CueEventsTable;
  messages: MessagesTable;
  reminders: RemindersTable;
  reflections: ReflectionsTable;
  login_failures: LoginFailuresTable;
  sign_in_addresses: SignInAddressesTable;
  sign_up_attempts: SignUpAttemptsTable;
  cards: CardsTable;
  exchange_links: ExchangeLinksTable;
  introductions: IntroductionsTable;
  blocks: BlocksTable;
  consent_events: ConsentEventsTable;
  rate_counters: RateCountersTable;
  share_back_reviews: ShareBackReviewsTable;
}

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  role: 'owner' | 'member';
  name: string | null;
  phone_region: string;
  time_zone: string;
  quiet_start: string;
  quiet_end: string;
  first_text_delay_hours: number;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface CalendarFeedsTable {
  account_id: string;
  token_hash: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  account_id: string;
  name: string;
  phone_e164: string | null;
  /** JSON: [{ platform, handle }] */
  handles: string;
  how_met: string | null;
  where_met: string | null;
  met_through_id: string | null;
  notes: string | null;
  consent_kind: 'told-me-and-agreed' | 'shared-via-link' | 'introduced' | 'imported';
  consent_at: string;
  /** The last ask's outcome when it was `declined` or `another-time`; null otherwise. */
  ask_status: 'declined' | 'another-time' | null;
  meetup_planned: number;
  created_at: string;
  updated_at: string;
}

export interface EncountersTable {
  id: string;
  account_id: string;
  person_id: string | null;
  place: string | null;
  started_at: string;
  phase: 'opening' | 'flowing' | 'winding-down';
  /** JSON: string[] */
  topics: string;
  ask_minute: number | null;
  ask_approach: 'direct' | 'offer' | 'social' | 'friend' | null;
  ask_reason: 'continue' | 'activity' | null;
  outcome: string | null;
  outcome_at: string | null;
  created_at: string;
}

export interface CueEventsTable {
  id: string;
  encounter_id: string;
  account_id: string;
  minute: number;
  cue: string;
  created_at: string;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  person_id: string;
  direction: 'sent' | 'received';
  at: string;
  text: string | null;
  created_at: string;
}

export interface RemindersTable {
  id: string;
  account_id: string;
  person_id: string | null;
  kind: 'first-text' | 'check-in' | 'suggest-meetup' | 'meetup' | 'custom';
  title: string;
  draft: string | null;
  due_at: string;
  snoozed_until: string | null;
  done_at: string | null;
  created_at: string;
}

export interface ReflectionsTable {
  id: string;
  account_id: string;
  encounter_id: string;
  outcome: string;
  /** JSON: { [questionId]: answer } */
  answers: string;
  note: string | null;
  created_at: string;
}

export interface LoginFailuresTable {
  email_hash: string;
  /** Null for failures recorded before addresses were kept. */
  address_hash: string | null;
  failed_at: string;
}

/** Addresses (hashed) an account signed in from: a backstop on failed sign-ins still lets them in. */
export interface SignInAddressesTable {
  account_id: string;
  address_hash: string;
  signed_in_at: string;
}

export interface SignUpAttemptsTable {
  address_hash: string;
  attempted_at: string;
}

export interface CardsTable {
  id: string;
  account_id: string;
  label: string;
  name: string | null;
  phone_e164: string | null;
  email: string | null;
  note: string | null;
  /** JSON: [{ platform, handle }] */
  handles: string;
  /** JSON: { name: boolean, phone: boolean, email: boolean, note: boolean, handles: string[] } */
  shows: string;
  created_at: string;
  updated_at: string;
}

export interface ExchangeLinksTable {
  id: string;
  account_id: string;
  card_id: string;
  encounter_id: string | null;
  token_hash: string;
  one_time: number;
  state: 'active' | 'shared-back' | 'declined' | 'revoked';
  expires_at: string;
  viewed_at: string | null;
  answered_at: string | null;
  person_id: string | null;
  created_at: string;
  /** How often someone shared back through it (a reusable link stays active meanwhile). */
  shares: number;
  /** How often someone pressed "Not now": a count, nothing about who. */
  declines: number;
  revoked_at: string | null;
}

export interface IntroductionsTable {
  id: string;
  account_id: string;
  person_a_id: string;
  person_b_id: string;
  note: string | null;
  token_a_hash: string;
  token_b_hash: string;
  answer_a: 'pending' | 'accepted' | 'declined';
  answer_b: 'pending' | 'accepted' | 'declined';
  state: 'pending' | 'completed' | 'declined' | 'revoked' | 'expired';
  /** JSON: what side a / b agreed to show the other, e.g. ["name","phone"]; null until they said yes. */
  shares_a: string | null;
  shares_b: string | null;
  /** JSON `{ name, phone, handles }`: what side a / b showed, as it was when they said yes. */
  reveal_a: string | null;
  reveal_b: string | null;
  expires_at: string;
  completed_at: string | null;
  created_at: string;
}

export interface BlocksTable {
  id: string;
  account_id: string;
  person_id: string | null;
  link_id: string | null;
  created_at: string;
}

export interface ConsentEventsTable {
  id: string;
  account_id: string;
  person_id: string | null;
  kind: string;
  /** JSON: string[] */
  fields: string;
  at: string;
}

export interface RateCountersTable {
  key: string;
  window_start: string;
  count: number;
}

/** A share-back that matched someone in the book, waiting for the owner to merge, add or dismiss it. */
export interface ShareBackReviewsTable {
  id: string;
  account_id: string;
  link_id: string | null;
  encounter_id: string | null;
  /** The person it matched; null once that person is deleted. */
  person_id: string | null;
  match: 'phone' | 'handle';
  consent_id: string;
  name: string;
  phone_e164: string | null;
  /** JSON: [{ platform, handle }] */
  handles: string;
  note: string | null;
  created_at: string;
}
