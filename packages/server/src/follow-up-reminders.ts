import { DomainError, type FollowUpPlan, planFollowUp } from '@rapport/core';
import type {
  AccountId,
  AccountSettings,
  ContactState,
  Message,
  NewReminder,
  Person,
  Reminder,
  ReminderId,
  Store,
  Stores,
} from '@rapport/db';

/** The reminders a follow-up plan writes; other kinds (a planned meetup, a custom one) are the user's. */
export const PLAN_KINDS = ['first-text', 'check-in', 'suggest-meetup'] as const;
const CADENCE_KINDS = ['check-in', 'suggest-meetup'] as const;

const TITLES: Readonly<Record<(typeof PLAN_KINDS)[number], (name: string) => string>> = {
  'first-text': (name) => `Text ${name}`,
  'check-in': (name) => `Check in with ${name}`,
  'suggest-meetup': (name) => `Suggest meeting up with ${name}`,
};

/** Everything a plan is made from: the stores (of a transaction, for writes), the owner and the clock. */
export interface PlanContext {
  stores: Stores;
  accountId: AccountId;
  settings: AccountSettings;
  now: Date;
  newId: () => string;
}

/** When and about what we met: the plan's anchor until the first contact is logged. */
export interface Meeting {
  metAt: string;
  topics: string[];
}

/** A person's follow-up plan as the API shows it. */
export interface PersonPlan {
  status: FollowUpPlan['status'];
  advice: string;
  unanswered: number;
  lastContactAt: string | null;
  /** The first-text window and draft; null once any contact was logged, or after a decline. */
  firstMessage: FollowUpPlan['firstMessage'] | null;
  /** The person's reminders not done yet, soonest first. */
  reminders: Reminder[];
}

/**
 * Logs that contact happened and resets the cadence from it. A pending first text is done (sent) or
 * moot (they wrote first). Run it inside the transaction that stored the message.
 */
export async function recordContact(
  context: PlanContext,
  person: Person,
  message: Message,
): Promise<PersonPlan> {
  const { stores, accountId } = context;
  if (message.direction === 'sent') {
    await stores.reminders.completePending(accountId, person.id, ['first-text'], message.at);
  } else {
    await stores.reminders.deletePending(accountId, person.id, ['first-text']);
  }
  return replan(context, person);
}

/**
 * Replaces the person's pending plan reminders with a fresh plan: before any contact, the first text
 * and the check-ins after it; after contact, only check-ins counted from the last contact, so a "keep
 * in touch" reminder never fires the day after they talked. With 2 unanswered messages the plan
 * pauses and with 3 it stops: no reminders then. Run it inside a transaction.
 */
export async function replan(context: PlanContext, person: Person, meeting?: Meeting): Promise<PersonPlan> {
  const { stores, accountId, now } = context;
  const [anchor, contact] = await Promise.all([
    meeting ?? meetingOf(stores, accountId, person),
    stores.messages.contactState(accountId, person.id),
  ]);
  await stores.reminders.deletePending(
    accountId,
    person.id,
    contact.lastContactAt ? CADENCE_KINDS : PLAN_KINDS,
  );
  const plan = computePlan(context.settings, person, anchor, contact);
  const reminders: NewReminder[] = [];
  const add = (kind: (typeof PLAN_KINDS)[number], at: string, draft: string) => {
    reminders.push({
      id: context.newId() as ReminderId,
      personId: person.id,
      kind,
      title: TITLES[kind](person.name),
      draft,
      dueAt: new Date(at).toISOString(),
    });
  };
  if (!contact.lastContactAt && plan.status === 'active') {
    add('first-text', plan.firstMessage.suggested, plan.firstMessage.draft);
  }
  for (const step of plan.cadence) {
    // A contact logged late can put early check-ins in the past: those moments are gone, skip them.
    if (!contact.lastContactAt || Date.parse(step.at) > now.getTime()) add(step.kind, step.at, step.draft);
  }
  await stores.reminders.createMany(accountId, reminders, now.toISOString());
  return present(plan, contact, await stores.reminders.listPending(accountId, person.id));
}

/** The person's plan as it stands, without changing anything. */
export async function currentPlan(context: Omit<PlanContext, 'newId'>, person: Person): Promise<PersonPlan> {
  const { stores, accountId } = context;
  const [anchor, contact, pending] = await Promise.all([
    meetingOf(stores, accountId, person),
    stores.messages.contactState(accountId, person.id),
    stores.reminders.listPending(accountId, person.id),
  ]);
  return present(computePlan(context.settings, person, anchor, contact), contact, pending);
}

/** The owner's settings the plan is made in (time zone, quiet hours, first-text delay). */
export async function settingsOf(store: Stores | Store, accountId: AccountId): Promise<AccountSettings> {
  const account = await store.accounts.get(accountId);
  if (!account) throw new DomainError('unauthenticated', 'this account no longer exists');
  return account.settings;
}

/** The latest encounter with the person (when asked, else when it started), or when they were added. */
export async function meetingOf(stores: Stores, accountId: AccountId, person: Person): Promise<Meeting> {
  const encounter = (await stores.encounters.latestWithPeople(accountId, [person.id])).get(person.id);
  if (!encounter) return { metAt: person.consent.at, topics: [] };
  return { metAt: askedAt(encounter), topics: encounter.topics };
}

/** When the ask happened: its minute after the start, or when the outcome was logged. */
export function askedAt(encounter: {
  startedAt: string;
  ask: { minute: number | null } | null;
  outcomeAt: string | null;
}): string {
  const minute = encounter.ask?.minute;
  if (minute !== null && minute !== undefined) {
    return new Date(Date.parse(encounter.startedAt) + minute * 60_000).toISOString();
  }
  return encounter.outcomeAt ?? encounter.startedAt;
}

function computePlan(settings: AccountSettings, person: Person, meeting: Meeting, contact: ContactState) {
  const base = {
    timeZone: settings.timeZone,
    quietHours: settings.quietHours,
    topics: meeting.topics,
    // The planner takes names of up to 100 characters; an imported name may be longer.
    theirName: person.name.slice(0, 100),
    meetupPlanned: person.meetupPlanned,
    declined: person.askStatus === 'declined',
  };
  // After contact the "first text" is behind us: the cadence counts from the contact itself.
  return contact.lastContactAt
    ? planFollowUp({
        ...base,
        metAt: contact.lastContactAt,
        firstTextDelay: 0,
        unanswered: contact.unanswered,
      })
    : planFollowUp({
        ...base,
        metAt: meeting.metAt,
        firstTextDelay: settings.firstTextDelayHours,
        unanswered: 0,
      });
}

function present(plan: FollowUpPlan, contact: ContactState, reminders: Reminder[]): PersonPlan {
  return {
    status: plan.status,
    advice: plan.advice,
    unanswered: contact.unanswered,
    lastContactAt: contact.lastContactAt,
    firstMessage: contact.lastContactAt || plan.status === 'declined' ? null : plan.firstMessage,
    reminders,
  };
}
