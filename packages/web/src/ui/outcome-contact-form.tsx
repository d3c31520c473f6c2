import { SOCIAL_PLATFORMS, type SocialPlatform } from '@rapport/core';
import { useId, useState } from 'preact/hooks';
import { type EncounterNotes, formatTopics, readNotes } from '../data/encounter-notes.ts';
import type { OutcomeInput } from '../data/outcome-api.ts';
import { Field, FormError } from './field.tsx';
import { PlatformSelect } from './platform-select.tsx';
import type { FormErrors } from './use-form-errors.ts';

/** The fields the server may name for this form; its errors land beside them. */
export const CONTACT_FIELDS = ['name', 'phone', 'handle', 'platform', 'place', 'topics', 'consent'] as const;

/**
 * Their details after they gave them: their name (unless the moment was with someone I know), the
 * number or the handle, and my word that they gave it and agreed that I keep it (consent first).
 * Where we met and what we talked about are optional: the first text picks up a topic, and a new
 * person's "How we met" shows the place.
 */
export function OutcomeContactForm(props: {
  outcome: 'gave-number' | 'connected-social';
  /** The person the encounter is with, if any: then no name is needed. */
  knownName: string | undefined;
  /** What the encounter already has, to start from. */
  notes: EncounterNotes;
  errors: FormErrors;
  saving: boolean;
  onSubmit: (details: Pick<OutcomeInput, 'name' | 'phone' | 'handle'>, notes: EncounterNotes) => void;
  onCancel: () => void;
}) {
  const { errors } = props;
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [platform, setPlatform] = useState<SocialPlatform>('instagram');
  const [handle, setHandle] = useState('');
  const [place, setPlace] = useState(props.notes.place ?? '');
  const [topics, setTopics] = useState(formatTopics(props.notes.topics));
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string | undefined>(undefined);
  const consentId = useId();
  const number = props.outcome === 'gave-number';

  return (
    <form
      class="card outcome-contact"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!consent) {
          setConsentError('Tick this only if they gave it to you themselves and agreed that you keep it.');
          return;
        }
        setConsentError(undefined);
        props.onSubmit(
          {
            ...(name.trim() ? { name: name.trim() } : {}),
            ...(number ? { phone: phone.trim() } : { handle: { platform, handle: handle.trim() } }),
          },
          readNotes(place, topics),
        );
      }}
    >
      <h2>{number ? 'Their number' : 'Their handle'}</h2>
      {props.knownName === undefined ? (
        <Field
          label="Their name"
          autocomplete="off"
          value={name}
          error={errors.field('name')}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      ) : (
        <p>Adding it to {props.knownName}.</p>
      )}
      {number ? (
        <Field
          label="Their phone number"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          value={phone}
          error={errors.field('phone')}
          hint="As they said it; with the country code if it is from abroad."
          onInput={(event) => setPhone(event.currentTarget.value)}
        />
      ) : (
        <>
          <PlatformSelect label="Platform" value={platform} onChange={setPlatform} />
          <Field
            label="Their handle"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={handle}
            error={errors.field('handle')}
            hint={`e.g. ${SOCIAL_PLATFORMS[platform].example}`}
            onInput={(event) => setHandle(event.currentTarget.value)}
          />
        </>
      )}
      <Field
        label="Where you met (optional)"
        autocomplete="off"
        value={place}
        error={errors.field('place')}
        hint="e.g. Café Central, or Mia’s birthday party"
        onInput={(event) => setPlace(event.currentTarget.value)}
      />
      <Field
        label="What you talked about (optional)"
        autocomplete="off"
        value={topics}
        error={errors.field('topics')}
        hint="Separate topics with commas, e.g. jazz night, their trip to Lisbon. Your first text picks one up."
        onInput={(event) => setTopics(event.currentTarget.value)}
      />
      <div class={consentError ? 'field outcome-consent field--error' : 'field outcome-consent'}>
        <label for={consentId}>
          <input
            id={consentId}
            type="checkbox"
            checked={consent}
            aria-invalid={consentError ? true : undefined}
            aria-describedby={consentError ? `${consentId}-error` : undefined}
            onChange={(event) => setConsent(event.currentTarget.checked)}
          />
          <span>They gave me this themselves and agreed that I keep it.</span>
        </label>
        {consentError && (
          <p class="error" id={`${consentId}-error`} role="alert">
            {consentError}
          </p>
        )}
      </div>
      <FormError message={errors.form} />
      <div class="actions">
        <button type="submit" disabled={props.saving}>
          {props.saving ? 'Saving…' : number ? 'Save their number' : 'Save their handle'}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          Back
        </button>
      </div>
    </form>
  );
}
