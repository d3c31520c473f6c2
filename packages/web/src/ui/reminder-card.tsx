import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { composeHref, type DueReminder, markReminderDone, snoozeReminder } from '../data/reminder-api.ts';
import { formatDateTime, formatFromNow } from '../data/timeline-dates.ts';
import { Link } from '../router.tsx';
import { CoachVerdict } from './coach-verdict.tsx';
import { FormError } from './field.tsx';

const SNOOZES = [
  { hours: 3, label: '3 hours' },
  { hours: 24, label: 'A day' },
  { hours: 24 * 7, label: 'A week' },
];

/**
 * One follow-up that is due: who, when, the ready draft with the coach's verdict, and what to do
 * with it (write it in Compose, mark it done, or snooze it). `onSettled` takes it off the list.
 */
export function ReminderCard(props: {
  reminder: DueReminder;
  overdue: boolean;
  timeZone: string;
  onSettled: (id: string, what: string) => void;
}) {
  const { reminder, overdue, timeZone } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const headingId = `reminder-${reminder.id}`;

  const act = async (run: () => Promise<unknown>, what: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await run();
      props.onSettled(reminder.id, what);
    } catch (caught: unknown) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <li class="card reminder-card">
      <h3 id={headingId} class="reminder-card__title">
        {reminder.title}
      </h3>
      <p class="muted reminder-card__when">
        {overdue ? 'Was due ' : 'Due '}
        <time dateTime={reminder.dueAt}>{formatFromNow(reminder.dueAt)}</time> (
        {formatDateTime(reminder.dueAt, timeZone)})
        {reminder.personId && reminder.personName && (
          <>
            {' · '}
            <Link href={`/people/${encodeURIComponent(reminder.personId)}`}>{reminder.personName}</Link>
          </>
        )}
      </p>
      {reminder.draft && (
        <>
          <p class="reminder-card__draft-label">Ready draft</p>
          <blockquote class="reminder-card__draft">{reminder.draft}</blockquote>
        </>
      )}
      {reminder.coach && <CoachVerdict coaching={reminder.coach} />}
      <div class="actions">
        <Link class="button" href={composeHref(reminder)} aria-describedby={headingId}>
          Compose
        </Link>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          aria-describedby={headingId}
          onClick={() => act(() => markReminderDone(reminder.id), `Done: ${reminder.title}.`)}
        >
          Done
        </button>
        <details class="reminder-card__snooze">
          <summary>Snooze</summary>
          <div class="reminder-card__snooze-options">
            {SNOOZES.map((snooze) => (
              <button
                key={snooze.hours}
                type="button"
                class="secondary"
                disabled={busy}
                aria-label={`Snooze for ${snooze.label.toLowerCase()}`}
                onClick={() =>
                  act(
                    () => snoozeReminder(reminder.id, snooze.hours),
                    `Snoozed for ${snooze.label.toLowerCase()}: ${reminder.title}.`,
                  )
                }
              >
                {snooze.label}
              </button>
            ))}
          </div>
        </details>
      </div>
      <FormError message={error} />
    </li>
  );
}
