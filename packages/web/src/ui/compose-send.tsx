import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import type { ComposeContext } from '../data/compose-context.ts';
import { smsHref } from '../data/sms-href.ts';
import { useOnline } from '../online.ts';
import { FormError } from './field.tsx';

/**
 * What to do with the words: copy them, open the phone's messaging app with them, and (for one of my
 * people) log them as sent. Copy and the messaging app work offline; logging needs the server.
 */
export function ComposeSend(props: {
  text: string;
  person: ComposeContext | undefined;
  onLog: () => Promise<void>;
}) {
  const { text, person } = props;
  const online = useOnline();
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>(undefined);
  const [logging, setLogging] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const empty = text.trim() === '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  const log = async () => {
    setLogging(true);
    setError(undefined);
    try {
      await props.onLog();
    } catch (caught: unknown) {
      setError(describeError(caught));
    } finally {
      setLogging(false);
    }
  };

  return (
    <div class="compose-send">
      <div class="actions">
        <button type="button" class="secondary" disabled={empty} onClick={copy}>
          Copy
        </button>
        {person?.phone && !empty && (
          <a class="button secondary" href={smsHref(person.phone, text)}>
            Open in messages
          </a>
        )}
        {person && (
          <button type="button" disabled={empty || logging} onClick={log}>
            {logging ? 'Logging…' : 'Log as sent'}
          </button>
        )}
      </div>
      <p class="hint" role="status">
        {copied === 'copied' && 'Copied. Paste it into your messaging app. '}
        {copied === 'failed' &&
          'This browser did not let Rapport copy: select the text and copy it yourself. '}
      </p>
      <FormError message={error} />
      <p class="hint">
        Rapport never sends anything itself: send it from your phone
        {person ? ', then log it here so the plan knows' : ''}. Writing, the coach and copying work offline
        {person ? '; logging needs a connection' : ''}.
      </p>
      {person && !online && (
        <p class="hint compose-send__offline">
          You are offline now: log it as sent once you have a signal again.
        </p>
      )}
    </div>
  );
}
