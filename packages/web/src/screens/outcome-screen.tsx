import {
  APPROACHES,
  ASK_REASONS,
  isOneOf,
  OUTCOMES,
  type Outcome,
  type ReflectContext,
  reflect,
} from '@rapport/core';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type EncounterNotes, explainNotesError, hasNotesChanged } from '../data/encounter-notes.ts';
import { finishMoment } from '../data/moment-store.ts';
import {
  type EncounterDetail,
  fetchEncounter,
  type OutcomeInput,
  type RecordedOutcome,
  recordOutcome,
  saveEncounterNotes,
} from '../data/outcome-api.ts';
import { fetchPerson, type Person } from '../data/person-api.ts';
import type { ScreenProps } from '../screen.ts';
import { FormError } from '../ui/field.tsx';
import { CONTACT_FIELDS, OutcomeContactForm } from '../ui/outcome-contact-form.tsx';
import { CONTACT_OUTCOMES, OUTCOME_LABELS } from '../ui/outcome-labels.ts';
import { OutcomeResult } from '../ui/outcome-result.tsx';
import { Page } from '../ui/page.tsx';
import { useFormErrors } from '../ui/use-form-errors.ts';
import './outcome-screen.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; encounter: EncounterDetail; person: Person | undefined };

/**
 * How the ask went, one tap per outcome (`/outcome/:id`, the encounter). A number or handle needs
 * their name and my word that they gave it, and may carry where we met and what we talked about
 * (kept before the outcome, which plans the first text from them); after a decline, the gracious
 * line and the reflection.
 * `?suggest=` puts one outcome first; `?approach=` and `?reason=` (from Ask) are kept with it.
 */
export default function OutcomeScreen({ params, query }: ScreenProps) {
  const id = params.id ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [recorded, setRecorded] = useState<RecordedOutcome | undefined>(undefined);
  const [changing, setChanging] = useState(false);
  const [contactFor, setContactFor] = useState<'gave-number' | 'connected-social' | undefined>(undefined);
  const [saving, setSaving] = useState<Outcome | undefined>(undefined);
  const errors = useFormErrors();

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    loadEncounter(id).then(
      (ready) => current && setLoaded(ready),
      (error: unknown) => current && setLoaded({ state: 'failed', message: describeError(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, attempt]);

  if (loaded.state === 'loading') {
    return (
      <Page title="How did it go?">
        <p class="loading">Loading the moment…</p>
      </Page>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <Page title="How did it go?">
        <p role="alert" class="form-error">
          {loaded.message}
        </p>
        <button type="button" onClick={() => setAttempt((count) => count + 1)}>
          Try again
        </button>
      </Page>
    );
  }

  const { encounter } = loaded;
  const person = recorded ? (recorded.person ?? undefined) : loaded.person;
  const outcome = recorded?.encounter.outcome ?? encounter.outcome;

  const latest = recorded?.encounter ?? encounter;
  const notes: EncounterNotes = { place: latest.place, topics: latest.topics };

  /** Where we met and the topics go first: the outcome reads them to plan the first text. */
  async function keepNotes(next: EncounterNotes) {
    if (!hasNotesChanged(notes, next)) return;
    try {
      const saved = await saveEncounterNotes(id, next);
      setLoaded((before) => (before.state === 'ready' ? { ...before, encounter: saved } : before));
    } catch (error: unknown) {
      throw explainNotesError(error, next);
    }
  }

  async function record(input: OutcomeInput, next?: EncounterNotes) {
    errors.clear();
    setSaving(input.outcome);
    try {
      if (next) await keepNotes(next);
      const answer = await recordOutcome(id, { ...fromAsk(query), ...input });
      finishMoment(id);
      setRecorded(answer);
      setContactFor(undefined);
      setChanging(false);
      window.scrollTo(0, 0);
    } catch (error: unknown) {
      errors.show(error, CONTACT_FIELDS);
    } finally {
      setSaving(undefined);
    }
  }

  if (outcome && !changing) {
    const shown = recorded?.encounter ?? encounter;
    return (
      <Page title={OUTCOME_LABELS[outcome]}>
        <OutcomeResult
          encounterId={id}
          outcome={outcome}
          reflection={recorded?.reflection ?? reflect(outcome, reflectContext(shown, person))}
          person={person}
          plan={recorded?.plan}
          onChange={() => {
            errors.clear();
            setChanging(true);
          }}
        />
      </Page>
    );
  }

  if (contactFor) {
    return (
      <Page title={OUTCOME_LABELS[contactFor]}>
        <OutcomeContactForm
          outcome={contactFor}
          knownName={person?.name}
          notes={notes}
          errors={errors}
          saving={saving !== undefined}
          onSubmit={(details, next) => void record({ outcome: contactFor, ...details }, next)}
          onCancel={() => {
            errors.clear();
            setContactFor(undefined);
          }}
        />
      </Page>
    );
  }

  const suggested = query.get('suggest');
  const order = isOneOf(OUTCOMES, suggested)
    ? [suggested, ...OUTCOMES.filter((choice) => choice !== suggested)]
    : OUTCOMES;
  return (
    <Page title="How did it go?">
      <p class="muted">
        {person ? `With ${person.name}. ` : ''}One tap logs it; you can change it afterwards.
      </p>
      <ul class="list outcome-choices">
        {order.map((choice) => (
          <li key={choice}>
            <button
              type="button"
              class={choice === suggested ? 'outcome-choice' : 'outcome-choice secondary'}
              disabled={saving !== undefined}
              onClick={() => {
                if (CONTACT_OUTCOMES.includes(choice)) {
                  errors.clear();
                  setContactFor(choice as 'gave-number' | 'connected-social');
                } else void record({ outcome: choice });
              }}
            >
              {saving === choice ? 'Saving…' : OUTCOME_LABELS[choice]}
            </button>
          </li>
        ))}
      </ul>
      <FormError message={errors.form} />
      {changing && (
        <button type="button" class="secondary" onClick={() => setChanging(false)}>
          Keep it as it was
        </button>
      )}
    </Page>
  );
}

async function loadEncounter(id: string): Promise<Loaded> {
  const encounter = await fetchEncounter(id);
  // Their name is a nicety: without it (gone, or a hiccup) the outcome can still be logged.
  const person = encounter.personId
    ? await fetchPerson(encounter.personId).catch(() => undefined)
    : undefined;
  return { state: 'ready', encounter, person };
}

/** The approach and reason chosen on Ask, when the outcome is logged from there. */
function fromAsk(query: URLSearchParams): Pick<OutcomeInput, 'approach' | 'reason'> {
  const approach = query.get('approach');
  const reason = query.get('reason');
  return {
    ...(isOneOf(APPROACHES, approach) ? { approach } : {}),
    ...(isOneOf(ASK_REASONS, reason) ? { reason } : {}),
  };
}

/** What the moment looked like when I asked, for the reflection's hints (as the server gives them). */
function reflectContext(encounter: EncounterDetail, person: Person | undefined): ReflectContext {
  const minute = encounter.ask?.minute ?? undefined;
  return {
    ...(person ? { theirName: person.name } : {}),
    ...(minute !== undefined ? { minutes: minute } : {}),
    ...(encounter.ask?.approach ? { approach: encounter.ask.approach } : {}),
    phase: encounter.phase,
    cues: encounter.cues.filter((event) => event.minute <= (minute ?? Infinity)).map((event) => event.cue),
  };
}
