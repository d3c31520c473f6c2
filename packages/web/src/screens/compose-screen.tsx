import type { CoachContext } from '@rapport/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api.ts';
import { type ComposeContext, loadComposeContext } from '../data/compose-context.ts';
import { composeDraftKey, forgetDraft, readDraft, saveDraft } from '../data/compose-drafts.ts';
import { logMessage } from '../data/person-api.ts';
import { markReminderDone } from '../data/reminder-api.ts';
import { formatFromNow } from '../data/timeline-dates.ts';
import { useOnline } from '../online.ts';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { useSession } from '../session.ts';
import { CoachEditor } from '../ui/coach-editor.tsx';
import { ComposeSend } from '../ui/compose-send.tsx';
import { Field } from '../ui/field.tsx';
import { Page } from '../ui/page.tsx';
import './compose-screen.css';

const HOUR_MS = 3_600_000;

type Recipient =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; context: ComposeContext }
  | { state: 'failed'; message: string };

/**
 * Write a message with the coach reading along. Works offline (the coach runs in the page); only
 * "Log as sent" needs the server. `?person=` says who it is for, `?reminder=` which follow-up it
 * answers, `?draft=` the words to start from.
 */
export default function ComposeScreen({ query }: ScreenProps) {
  const session = useSession();
  const accountId = session.state === 'signed-in' ? session.account.id : undefined;
  const personId = query.get('person') ?? undefined;
  const reminderId = query.get('reminder') ?? undefined;
  const draftKey = composeDraftKey(personId, reminderId);
  const [text, setText] = useState(() => readDraft(draftKey) ?? query.get('draft') ?? '');
  const [ownTopics, setOwnTopics] = useState('');
  const [recipient, setRecipient] = useState<Recipient>({ state: personId ? 'loading' : 'none' });
  const [logged, setLogged] = useState(false);

  useEffect(() => {
    if (!personId || !accountId) {
      setRecipient({ state: 'none' });
      return;
    }
    let current = true;
    setRecipient({ state: 'loading' });
    loadComposeContext(accountId, personId).then(
      (context) => current && setRecipient({ state: 'ready', context }),
      (error: unknown) => current && setRecipient({ state: 'failed', message: recipientError(error) }),
    );
    return () => {
      current = false;
    };
  }, [accountId, personId]);

  const person = recipient.state === 'ready' ? recipient.context : undefined;
  const coachContext = useMemo(() => contextFor(person, ownTopics), [person, ownTopics]);
  const changeText = (next: string) => {
    setText(next);
    saveDraft(draftKey, next);
  };

  const logAsSent = async () => {
    if (!person) return;
    await logMessage(person.personId, { direction: 'sent', text: text.trim() });
    // The plan completes a first text itself; other reminders (a meetup, my own) are marked here.
    if (reminderId) await markReminderDone(reminderId).catch(ignoreNotFound);
    forgetDraft(draftKey);
    setLogged(true);
  };

  return (
    <Page title="Compose">
      <RecipientLine recipient={recipient} />
      {logged && person ? (
        <div class="card compose-logged" role="status">
          <p>Logged as sent to {person.name}. Rapport plans the next check-in from here.</p>
          <p class="actions">
            <Link class="button" href={`/people/${encodeURIComponent(person.personId)}`}>
              See {person.name}’s timeline
            </Link>
            <Link class="button secondary" href="/">
              Back to Today
            </Link>
          </p>
        </div>
      ) : (
        <>
          {!personId && (
            <Field
              label="What you talked about (optional)"
              hint="Separate topics with commas, e.g. jazz festival, hiking. The coach looks for one in your message."
              value={ownTopics}
              onInput={(event) => setOwnTopics(event.currentTarget.value)}
            />
          )}
          <CoachEditor
            id="compose-text"
            label="Your message"
            text={text}
            context={coachContext}
            onText={changeText}
          />
          <ComposeSend text={text} person={person} onLog={logAsSent} />
        </>
      )}
    </Page>
  );
}

function RecipientLine(props: { recipient: Recipient }) {
  const online = useOnline();
  const { recipient } = props;
  if (recipient.state === 'none')
    return (
      <p class="muted compose-intro">
        The coach checks your words as you type, even offline. Open Compose from a person or a reminder to log
        the message as sent.
      </p>
    );
  if (recipient.state === 'loading') return <p class="muted">Looking up who this is for…</p>;
  if (recipient.state === 'failed')
    return (
      <p class="form-error" role="alert">
        {recipient.message} {online ? '' : 'You can still write and copy your message.'}
      </p>
    );
  const { context } = recipient;
  return (
    <div class="compose-to">
      <p class="compose-to__name">
        To <strong>{context.name}</strong>
        {context.phoneDisplay && <span class="muted"> · {context.phoneDisplay}</span>}
      </p>
      <p class="muted">
        {context.metAt && <>Met {metAgo(context.metAt)}</>}
        {context.place && <> at {context.place}</>}
        {context.topics.length > 0 && <>. You talked about {context.topics.join(', ')}</>}
        {context.unanswered > 0 && (
          <>
            . {context.unanswered} of your messages {context.unanswered === 1 ? 'is' : 'are'} waiting for a
            reply
          </>
        )}
        .
      </p>
      {context.offline && (
        <p class="hint">
          Offline: this is what this device knew about {context.name} when you were last online.
        </p>
      )}
    </div>
  );
}

/** "Met 2 hours ago", and "Met just now" rather than "Met now" in the first minute. */
function metAgo(metAt: string): string {
  const ago = formatFromNow(metAt);
  return ago === 'now' ? 'just now' : ago;
}

function contextFor(person: ComposeContext | undefined, ownTopics: string): CoachContext {
  if (!person) {
    const topics = ownTopics
      .split(',')
      .map((topic) => topic.trim().slice(0, 100))
      .filter((topic) => topic !== '')
      .slice(0, 20);
    return topics.length > 0 ? { topics } : {};
  }
  const context: CoachContext = { theirName: person.name.slice(0, 100), unanswered: person.unanswered };
  if (person.topics.length > 0) context.topics = person.topics;
  // Counted to now: the message is about to be sent.
  if (person.metAt)
    context.hoursSinceMeeting = Math.max(0, (Date.now() - Date.parse(person.metAt)) / HOUR_MS);
  return context;
}

function recipientError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'offline')
    return 'You are offline and this device has no copy of who this is for, so the coach does not know what you talked about.';
  if (error instanceof ApiError && error.status === 404)
    return 'This person is not in your people (any more).';
  return describeError(error);
}

/** The reminder may be done already (logging a sent message completes a first text): that is fine. */
function ignoreNotFound(error: unknown): void {
  if (error instanceof ApiError && error.status === 404) return;
  throw error;
}
