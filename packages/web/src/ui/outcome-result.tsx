import type { Outcome, Reflection } from '@rapport/core';
import type { Person, Plan } from '../data/person-api.ts';
import { Link } from '../router.tsx';
import { CONTACT_OUTCOMES } from './outcome-labels.ts';
import { ReflectionForm } from './reflection-form.tsx';

/**
 * After the outcome is logged: the gracious thing to say now, a kind word, and what happens next —
 * a planned follow-up after a yes; after a no, the reflection questions and no nudge to try again.
 */
export function OutcomeResult(props: {
  encounterId: string;
  outcome: Outcome;
  reflection: Reflection;
  person: Person | undefined;
  /** The follow-up plan as the server answered it; undefined when the outcome was logged earlier. */
  plan: Plan | null | undefined;
  onChange: () => void;
}) {
  const { reflection, person } = props;
  const gaveContact = CONTACT_OUTCOMES.includes(props.outcome);
  return (
    <>
      <section class="card outcome-say" aria-labelledby="outcome-say-heading">
        <h2 id="outcome-say-heading">What to say now</h2>
        <p class="outcome-say__line">“{reflection.line}”</p>
        <p>{reflection.note}</p>
      </section>
      {props.outcome === 'declined' && (
        <>
          <p class="outcome-next" role="status">
            {person
              ? `Rapport won’t suggest asking ${person.name} again.`
              : 'Rapport won’t nudge you to try again.'}
          </p>
          <ReflectionForm encounterId={props.encounterId} questions={reflection.questions} />
        </>
      )}
      {props.outcome === 'another-time' && (
        <p class="outcome-next">They left the door open. Rapport won’t nudge you: it is theirs to open.</p>
      )}
      {gaveContact && <FollowUp person={person} plan={props.plan} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onChange}>
          Change the outcome
        </button>
        <Link href="/moment" class="button secondary">
          New moment
        </Link>
      </div>
    </>
  );
}

function FollowUp(props: { person: Person | undefined; plan: Plan | null | undefined }) {
  const { person, plan } = props;
  if (plan) {
    return (
      <section class="card outcome-follow-up" aria-labelledby="follow-up-heading">
        <h2 id="follow-up-heading">Their first follow-up is planned</h2>
        <p>{plan.advice}</p>
        <div class="actions">
          <Link href="/" class="button">
            See it on Today
          </Link>
          {person && (
            <Link href={`/people/${encodeURIComponent(person.id)}`} class="button secondary">
              {person.name}
            </Link>
          )}
        </div>
      </section>
    );
  }
  return (
    <p class="outcome-next">
      {person ? (
        <>
          <Link href={`/people/${encodeURIComponent(person.id)}`}>{person.name}</Link> is in your people.{' '}
        </>
      ) : null}
      <Link href="/">Today</Link> shows what is due.
    </p>
  );
}
