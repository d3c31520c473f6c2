import type { Reflection } from '@rapport/core';
import { useEffect, useState } from 'preact/hooks';
import {
  fetchReflection,
  type ReflectionAnswers,
  type StoredReflection,
  saveReflection,
} from '../data/outcome-api.ts';
import { Field, FormError } from './field.tsx';
import { useFormErrors } from './use-form-errors.ts';

type QuestionId = keyof ReflectionAnswers;

/**
 * The guide's reflection questions after a decline, answered in my own words and kept privately.
 * No blame: the hints say what the moment suggests, never a verdict on me. Answering is optional.
 */
export function ReflectionForm(props: { encounterId: string; questions: Reflection['questions'] }) {
  const errors = useFormErrors();
  const [answers, setAnswers] = useState<ReflectionAnswers>({});
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<StoredReflection | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [empty, setEmpty] = useState(false);

  useEffect(() => {
    let current = true;
    fetchReflection(props.encounterId)
      .then((found) => {
        if (!current || !found) return;
        setSaved(found);
        setAnswers(found.answers);
        setNote(found.note ?? '');
      })
      // Offline: the questions still show; saving will say it needs the server.
      .catch(() => undefined)
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [props.encounterId]);

  async function save() {
    errors.clear();
    const given = Object.fromEntries(
      Object.entries(answers)
        .map(([id, text]) => [id, text?.trim() ?? ''])
        .filter(([, text]) => text !== ''),
    ) as ReflectionAnswers;
    const nothing = Object.keys(given).length === 0 && note.trim() === '';
    setEmpty(nothing);
    if (nothing) return;
    setSaving(true);
    try {
      const stored = await saveReflection(props.encounterId, {
        answers: given,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSaved(stored);
    } catch (error: unknown) {
      errors.show(error, ['too-strong', 'enough-rapport', 'boundaries', 'note']);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      class="card reflection-form"
      aria-labelledby="reflection-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="reflection-heading">Looking back, for yourself</h2>
      <p class="muted">
        The guide’s questions, if you want them. Your answers are kept privately: only you can see them.
      </p>
      {loading && <p class="muted">Looking for what you wrote before…</p>}
      {props.questions.map((question) => (
        <Field
          key={question.id}
          multiline
          label={question.question}
          hint={question.hint}
          value={answers[question.id as QuestionId] ?? ''}
          error={errors.field(question.id)}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setAnswers((before) => ({ ...before, [question.id]: text }));
            setSaved(undefined);
          }}
        />
      ))}
      <Field
        multiline
        label="Anything else (optional)"
        value={note}
        error={errors.field('note')}
        onInput={(event) => {
          setNote(event.currentTarget.value);
          setSaved(undefined);
        }}
      />
      <FormError
        message={empty ? 'Write something first, or simply leave it: reflecting is optional.' : errors.form}
      />
      <div class="actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save privately'}
        </button>
      </div>
      {saved && (
        <p class="reflection-saved" role="status">
          Saved privately. Only you can see it.
        </p>
      )}
    </form>
  );
}
