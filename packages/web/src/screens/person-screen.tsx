import { useMemo } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import { useLoad } from '../data/people-load.ts';
import type { Plan } from '../data/person-api.ts';
import { CONSENT_WORDS } from '../data/person-consent.ts';
import { fetchPersonPage, type PersonPage, PLAN_STATUS_WORDS } from '../data/person-page.ts';
import { composeHref } from '../data/reminder-api.ts';
import { formatDateTime, formatDay } from '../data/timeline-dates.ts';
import { buildTimeline } from '../data/timeline-items.ts';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { useAccount } from '../session.ts';
import { Page } from '../ui/page.tsx';
import { PersonBlock } from '../ui/person-block.tsx';
import { PersonLogMessage } from '../ui/person-log-message.tsx';
import { TimelineList } from '../ui/timeline-list.tsx';
import './person-screen.css';

/** One person: how we met, how they gave their details, our timeline, the plan, and what I can do. */
export default function PersonScreen({ params }: ScreenProps) {
  const id = params.id ?? '';
  const page = useLoad(id, () => fetchPersonPage(id));
  if (page.loaded.state === 'loading')
    return (
      <Page title="Person">
        <p class="loading">Loading…</p>
      </Page>
    );
  if (page.loaded.state === 'failed') {
    const { error } = page.loaded;
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <Page title={missing ? 'Not in your people' : 'Person'}>
        <div class="form-error" role="alert">
          <p>{missing ? 'This person is not in your people (any more).' : describeError(error)}</p>
          {!missing && (
            <button type="button" class="secondary" onClick={page.reload}>
              Try again
            </button>
          )}
        </div>
        <p>
          <Link href="/people">All people</Link>
        </p>
      </Page>
    );
  }
  return <PersonDetails page={page.loaded.value} update={page.set} />;
}

function PersonDetails(props: {
  page: PersonPage;
  update: (change: (page: PersonPage) => PersonPage) => void;
}) {
  const { person, plan, block } = props.page;
  const { timeZone } = useAccount().settings;
  const timeline = useMemo(
    () => buildTimeline(props.page.encounters, props.page.messages),
    [props.page.encounters, props.page.messages],
  );
  const consent = CONSENT_WORDS[person.consent.kind];
  const personPath = encodeURIComponent(person.id);

  return (
    <Page title={person.name}>
      <p class="person-contact">
        {person.phone && person.phoneDisplay && <a href={`tel:${person.phone}`}>{person.phoneDisplay}</a>}
        {person.handles.map((handle) => (
          <a
            key={`${handle.platform}-${handle.handle}`}
            href={handle.url}
            rel="noopener noreferrer"
            target="_blank"
          >
            {handle.platform}: {handle.handle}
          </a>
        ))}
      </p>
      <div class="actions">
        <Link class="button" href={composeFor(person.id, plan)}>
          Write a message
        </Link>
        <a class="button secondary" href={`/api/people/${personPath}/vcard`} download>
          Download contact (vCard)
        </a>
      </div>

      <section aria-labelledby="person-met">
        <h2 id="person-met">How we met</h2>
        {person.howMet || person.whereMet ? (
          <>
            {person.howMet && <p>{person.howMet}</p>}
            {person.whereMet && <p>Where: {person.whereMet}</p>}
          </>
        ) : (
          <p class="muted">Not written down.</p>
        )}
        {person.metThroughId && (
          <p>
            Through{' '}
            <Link href={`/people/${encodeURIComponent(person.metThroughId)}`}>one of your people</Link>.
          </p>
        )}
        {person.notes && <p class="person-notes">{person.notes}</p>}
      </section>

      <section aria-labelledby="person-consent">
        <h2 id="person-consent">How they gave their details</h2>
        <p class="card person-consent">
          {consent.long}{' '}
          <span class="muted">
            Recorded on <time dateTime={person.consent.at}>{formatDay(person.consent.at, timeZone)}</time>.
          </span>
        </p>
        {person.askStatus === 'declined' && (
          <p>When you asked, they said no. Rapport will not suggest asking them again.</p>
        )}
        {person.askStatus === 'another-time' && <p>When you asked, they said “another time”.</p>}
      </section>

      <section aria-labelledby="person-timeline">
        <h2 id="person-timeline">Timeline</h2>
        <TimelineList items={timeline} name={person.name} timeZone={timeZone} />
      </section>

      <section aria-labelledby="person-plan">
        <h2 id="person-plan">Follow-up plan</h2>
        <p>
          <strong>{PLAN_STATUS_WORDS[plan.status]}.</strong> {plan.advice}
        </p>
        {plan.reminders.length > 0 && (
          <ul class="list person-reminders">
            {plan.reminders.map((reminder) => (
              <li key={reminder.id}>
                {reminder.title}:{' '}
                <time class="muted" dateTime={reminder.snoozedUntil ?? reminder.dueAt}>
                  {formatDateTime(reminder.snoozedUntil ?? reminder.dueAt, timeZone)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="person-log">
        <h2 id="person-log">Log a message</h2>
        <PersonLogMessage
          personId={person.id}
          name={person.name}
          onLogged={(message, nextPlan) =>
            props.update((page) => ({ ...page, messages: [message, ...page.messages], plan: nextPlan }))
          }
        />
      </section>

      <section aria-labelledby="person-block">
        <h2 id="person-block">Block</h2>
        <PersonBlock
          personId={person.id}
          name={person.name}
          block={block}
          onChange={(next) => props.update((page) => ({ ...page, block: next }))}
        />
      </section>
    </Page>
  );
}

/** Compose with the draft of a follow-up that is due now, if there is one; else an empty box for them. */
function composeFor(personId: string, plan: Plan): string {
  const now = Date.now();
  const due = plan.reminders.find(
    (reminder) => reminder.draft && Date.parse(reminder.snoozedUntil ?? reminder.dueAt) <= now,
  );
  return due ? composeHref(due) : `/compose?person=${encodeURIComponent(personId)}`;
}
