import { SOCIAL_PLATFORMS } from '@rapport/core';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type Card, createCard, updateCard } from '../data/card-api.ts';
import './card-editor.css';
import './settings-forms.css';
import { CardEditorHandles } from './card-editor-handles.tsx';
import {
  type CardDraft,
  checkDraft,
  describeShown,
  fieldOfError,
  inputOfDraft,
} from './card-editor-state.ts';
import { Field, FormError } from './field.tsx';

type TextField = 'name' | 'phone' | 'email' | 'note';

const TEXT_FIELDS: { key: TextField; label: string; type: string; autocomplete: string; hint?: string }[] = [
  { key: 'name', label: 'Name', type: 'text', autocomplete: 'name' },
  {
    key: 'phone',
    label: 'Phone number',
    type: 'tel',
    autocomplete: 'tel',
    hint: 'Hidden until you choose to show it.',
  },
  { key: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
  { key: 'note', label: 'Note', type: 'text', autocomplete: 'off', hint: 'e.g. "Met at the climbing gym"' },
];

/**
 * Makes or changes a card: what I may show someone I meet. Each field has its own switch, and the
 * summary says exactly what the card will reveal before it is saved.
 */
export function CardEditor(props: {
  initial: CardDraft;
  /** The card being changed; none makes a new one. */
  cardId?: string;
  submitLabel: string;
  onSaved: (card: Card) => void;
  /** Extra buttons beside Save (Cancel, Skip). */
  children?: ComponentChildren;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = checkDraft(draft);
    setProblems(found);
    setFormError(undefined);
    if (Object.keys(found).length > 0) return;
    const input = inputOfDraft(draft);
    setSaving(true);
    try {
      const card = props.cardId ? await updateCard(props.cardId, input) : await createCard(input);
      props.onSaved(card);
    } catch (error: unknown) {
      const field = fieldOfError(error, input);
      if (field) setProblems({ [field]: describeError(error) });
      else setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  const setText = (key: TextField, value: string) => setDraft({ ...draft, [key]: value });
  const setShown = (key: TextField, shown: boolean) =>
    setDraft({ ...draft, show: { ...draft.show, [key]: shown } });

  return (
    <form class="card-editor" onSubmit={submit} noValidate>
      <Field
        label="Label"
        value={draft.label}
        maxLength={40}
        required
        hint='Only you see it, e.g. "Everyday" or "Just Instagram".'
        error={problems.label}
        onInput={(event) => setDraft({ ...draft, label: event.currentTarget.value })}
      />
      {TEXT_FIELDS.map((field) => (
        <div key={field.key} class="card-editor__row">
          <Field
            label={field.label}
            type={field.type}
            value={draft[field.key]}
            autocomplete={field.autocomplete}
            hint={field.hint}
            error={problems[field.key]}
            onInput={(event) => setText(field.key, event.currentTarget.value)}
          />
          <label class="check card-editor__show">
            <input
              type="checkbox"
              checked={draft.show[field.key]}
              onChange={(event) => setShown(field.key, event.currentTarget.checked)}
            />
            Show {field.label.toLowerCase()} on the card
          </label>
        </div>
      ))}
      <CardEditorHandles draft={draft} onChange={setDraft} errorOf={(field) => problems[field]} />
      <p class="card-editor__summary">
        <strong>Whoever sees this card gets:</strong> {describeShown(draft, (p) => SOCIAL_PLATFORMS[p].label)}
      </p>
      <FormError message={formError} />
      <div class="actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  );
}
