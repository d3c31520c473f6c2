import { useState } from 'preact/hooks';
import { logMessage, type Message, type Plan } from '../data/person-api.ts';
import { Field, FormError } from './field.tsx';
import { useFormErrors } from './use-form-errors.ts';

const FIELDS = ['direction', 'text', 'at'] as const;

/**
 * Logs a message I sent or they sent, so the plan knows: a reply resets the check-ins, and messages
 * left unanswered pause the plan instead of nagging. Rapport never sends anything itself.
 */
export function PersonLogMessage(props: {
  personId: string;
  name: string;
  onLogged: (message: Message, plan: Plan) => void;
}) {
  const [direction, setDirection] = useState<'sent' | 'received'>('sent');
  const [text, setText] = useState('');
  const [when, setWhen] = useState('');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [whenError, setWhenError] = useState<string | undefined>(undefined);
  const errors = useFormErrors();

  const submit = async (event: Event) => {
    event.preventDefault();
    errors.clear();
    setDone(undefined);
    setWhenError(undefined);
    const at = when ? new Date(when) : undefined;
    if (at && Number.isNaN(at.getTime())) {
      setWhenError('Give a date and a time, or leave it empty for now.');
      return;
    }
    setSaving(true);
    try {
      const answer = await logMessage(props.personId, {
        direction,
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(at ? { at: at.toISOString() } : {}),
      });
      props.onLogged(answer.message, answer.plan);
      setText('');
      setWhen('');
      setDone(direction === 'sent' ? 'Logged your message.' : `Logged ${props.name}’s message.`);
    } catch (error: unknown) {
      errors.show(error, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="person-log" onSubmit={submit} noValidate>
      <fieldset class="person-log__direction">
        <legend>Who wrote it</legend>
        <label>
          <input
            type="radio"
            name="direction"
            value="sent"
            checked={direction === 'sent'}
            onChange={() => setDirection('sent')}
          />
          I sent it
        </label>
        <label>
          <input
            type="radio"
            name="direction"
            value="received"
            checked={direction === 'received'}
            onChange={() => setDirection('received')}
          />
          {props.name} sent it
        </label>
      </fieldset>
      {errors.field('direction') && <p class="error">{errors.field('direction')}</p>}
      <Field
        label="What it said (optional)"
        multiline
        maxLength={2000}
        value={text}
        error={errors.field('text')}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <Field
        label="When (leave empty for now)"
        type="datetime-local"
        value={when}
        error={whenError ?? errors.field('at')}
        onInput={(event) => setWhen(event.currentTarget.value)}
      />
      <FormError message={errors.form} />
      <p class="hint" role="status">
        {done}
      </p>
      <button type="submit" disabled={saving}>
        {saving ? 'Logging…' : 'Log message'}
      </button>
    </form>
  );
}
