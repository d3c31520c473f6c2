import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import { type LiveEvent, useLiveEvents } from '../data/live-events.ts';
import { useLoad } from '../data/people-load.ts';
import {
  type CachedReminders,
  cachedDueReminders,
  composeHref,
  type DueReminder,
  type DueReminders,
  fetchDueReminders,
} from '../data/reminder-api.ts';
import { fetchShareBackReviews } from '../data/share-back-api.ts';
import { formatDateTime, formatFromNow } from '../data/timeline-dates.ts';
import { fetchRecentActivity } from '../data/today-activity.ts';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { useAccount } from '../session.ts';
import { Page } from '../ui/page.tsx';
import { ReminderCard } from '../ui/reminder-card.tsx';
import { ShareBackReviews } from '../ui/share-back-reviews.tsx';
import { TodayActivity } from '../ui/today-activity.tsx';
import './today-screen.css';

/** A line the screen announces: a live event, or what a tap on Done or Snooze did. */
interface Notice {
  key: number;
  text: string;
  href?: string;
}

/** Today: the follow-ups that are due, with their drafts ready, and what happened to my links. */
export default function TodayScreen(_props: ScreenProps) {
  const account = useAccount();
  const reminders = useLoad(`reminders-${account.id}`, () => loadReminders(account.id));
  const activity = useLoad(`activity-${account.id}`, fetchRecentActivity);
  const reviews = useLoad(`share-back-reviews-${account.id}`, fetchShareBackReviews);
  const [notices, setNotices] = useState<Notice[]>([]);
  const announce = (text: string, href?: string) =>
    setNotices((shown) =>
      [{ key: Date.now() + Math.random(), text, ...(href ? { href } : {}) }, ...shown].slice(0, 3),
    );

  const live = useLiveEvents(
    (event: LiveEvent) => {
      if (event.type === 'shared-back') {
        announce(event.message, `/people/${encodeURIComponent(event.personId)}`);
        reminders.reload();
      } else if (event.type === 'shared-back-review') {
        announce(event.message);
        reviews.reload();
      } else {
        announce('One of your links was declined. Nothing more is said about who, and that is fine.');
      }
      activity.reload();
    },
    {
      onReconnect: () => {
        reminders.reload();
        activity.reload();
        reviews.reload();
      },
    },
  );

  const settle = (id: string, what: string) => {
    reminders.set((loaded) => ({ ...loaded, due: withoutReminder(loaded.due, id) }));
    announce(what);
  };

  return (
    <Page title="Today">
      <div class="today-notices" role="status">
        {notices.map((notice) => (
          <p key={notice.key} class="card today-notice">
            {notice.href ? <Link href={notice.href}>{notice.text}</Link> : notice.text}
          </p>
        ))}
      </div>
      {reviews.loaded.state === 'ready' && (
        <ShareBackReviews
          reviews={reviews.loaded.value}
          onSettled={(id, what, href) => {
            reviews.set((loaded) => loaded.filter((review) => review.id !== id));
            reminders.reload();
            announce(what, href);
          }}
        />
      )}
      {reminders.loaded.state === 'loading' && <p class="loading">Looking at what is due…</p>}
      {reminders.loaded.state === 'failed' && (
        <div class="form-error" role="alert">
          <p>{describeError(reminders.loaded.error)}</p>
          <button type="button" class="secondary" onClick={reminders.reload}>
            Try again
          </button>
        </div>
      )}
      {reminders.loaded.state === 'ready' && (
        <DueLists
          due={reminders.loaded.value.due}
          offlineSince={reminders.loaded.value.offlineSince}
          timeZone={account.settings.timeZone}
          onSettled={settle}
        />
      )}
      <TodayActivity loaded={activity.loaded} onRetry={activity.reload} live={live === 'open'} />
    </Page>
  );
}

interface LoadedReminders {
  due: DueReminders;
  /** Set when the server was out of reach and this is the copy from then. */
  offlineSince?: string;
}

async function loadReminders(accountId: string): Promise<LoadedReminders> {
  try {
    return { due: await fetchDueReminders(accountId) };
  } catch (error: unknown) {
    const copy: CachedReminders | undefined =
      error instanceof ApiError && error.code === 'offline' ? cachedDueReminders(accountId) : undefined;
    if (copy) return { due: copy.reminders, offlineSince: copy.at };
    throw error;
  }
}

function withoutReminder(due: DueReminders, id: string): DueReminders {
  const keep = (list: DueReminder[]) => list.filter((reminder) => reminder.id !== id);
  return { overdue: keep(due.overdue), today: keep(due.today), upcoming: keep(due.upcoming) };
}

function DueLists(props: {
  due: DueReminders;
  offlineSince: string | undefined;
  timeZone: string;
  onSettled: (id: string, what: string) => void;
}) {
  const { due, timeZone, onSettled } = props;
  const nothingNow = due.today.length + due.overdue.length === 0;
  const nothing = nothingNow && due.upcoming.length === 0;
  return (
    <>
      {props.offlineSince && (
        <p class="hint today-offline">
          Offline: this is what was due as of {formatFromNow(props.offlineSince)}. Done and snooze need a
          signal.
        </p>
      )}
      {nothing && (
        <div class="card today-empty">
          <p>
            <strong>Nothing to follow up on right now.</strong>
          </p>
          <p class="muted">
            When you meet someone interesting, <Link href="/moment">Moment</Link> helps you read the moment
            and ask. Once they give you their number, the first text and the check-ins after it show up here.
          </p>
        </div>
      )}
      {nothingNow && !nothing && (
        <p class="today-nothing-now">
          <strong>Nothing due right now.</strong> <span class="muted">The next follow-ups are below.</span>
        </p>
      )}
      {due.today.length > 0 && (
        <section aria-labelledby="due-today">
          <h2 id="due-today">Due today</h2>
          <ul class="list">
            {due.today.map((reminder) => (
              <ReminderCard
                key={reminder.id}
                reminder={reminder}
                overdue={false}
                timeZone={timeZone}
                onSettled={onSettled}
              />
            ))}
          </ul>
        </section>
      )}
      {due.overdue.length > 0 && (
        <section aria-labelledby="due-overdue">
          <h2 id="due-overdue">Overdue</h2>
          <p class="hint">Still worth sending: a late, warm message beats none.</p>
          <ul class="list">
            {due.overdue.map((reminder) => (
              <ReminderCard
                key={reminder.id}
                reminder={reminder}
                overdue
                timeZone={timeZone}
                onSettled={onSettled}
              />
            ))}
          </ul>
        </section>
      )}
      {due.upcoming.length > 0 && (
        <section aria-labelledby="due-upcoming">
          <h2 id="due-upcoming">Coming up</h2>
          <ul class="list today-upcoming">
            {due.upcoming.map((reminder) => (
              <li key={reminder.id} class="today-upcoming__item">
                <span id={`upcoming-${reminder.id}`}>
                  {reminder.personId ? (
                    <Link href={`/people/${encodeURIComponent(reminder.personId)}`}>{reminder.title}</Link>
                  ) : (
                    reminder.title
                  )}
                </span>
                <time class="muted" dateTime={reminder.snoozedUntil ?? reminder.dueAt}>
                  {formatDateTime(reminder.snoozedUntil ?? reminder.dueAt, timeZone)}
                  {reminder.snoozedUntil ? ' (snoozed)' : ''}
                </time>
                {/* The first text waits hours after meeting, but its draft is ready now to read or polish. */}
                {reminder.kind === 'first-text' && reminder.draft && (
                  <>
                    <blockquote class="reminder-card__draft">{reminder.draft}</blockquote>
                    <Link
                      class="button secondary today-upcoming__compose"
                      href={composeHref(reminder)}
                      aria-describedby={`upcoming-${reminder.id}`}
                    >
                      Compose
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
