import { adviseMoment, type Cue, type Outcome, PHASES, reflect } from '@rapport/core';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import {
  canMoveStart,
  flushMoment,
  type Moment,
  type MomentSync,
  minutesSince,
  momentOnServer,
  moveStartBack,
  resumableMoment,
  setPhase,
  startMoment,
  tapCue,
  undoLastCue,
  useMoment,
} from '../data/moment-store.ts';
import { fetchPerson, type Person } from '../data/person-api.ts';
import { navigate } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { useSession } from '../session.ts';
import { FormError } from '../ui/field.tsx';
import { ChoiceGroup } from '../ui/moment-choices.tsx';
import { useNow } from '../ui/moment-clock.ts';
import { MomentCuePad } from '../ui/moment-cue-pad.tsx';
import { PHASE_LABELS } from '../ui/moment-labels.ts';
import { MomentVerdict } from '../ui/moment-verdict.tsx';
import { MomentVerdictBar } from '../ui/moment-verdict-bar.tsx';
import { Page } from '../ui/page.tsx';
import { VERDICT_LABELS } from '../ui/verdict-labels.ts';
import './moment-screen.css';

const PHASE_CHOICES = PHASES.map((phase) => ({ value: phase, label: PHASE_LABELS[phase] }));
const NOT_ASKED = reflect('not-asked');

/** Resumes the moment in progress, or starts one (with `?person=<id>`, with that person). */
function ensureMoment(personId: string | null): void {
  const now = Date.now();
  if (!resumableMoment(now, personId)) startMoment({ now, personId });
}

/**
 * Live mode, one thumb: the timer, the phase, one tap per cue, and the advisor's verdict recomputed
 * on every tap, right here on the phone. The server hears of it behind the scenes when it can.
 */
export default function MomentScreen({ query }: ScreenProps) {
  const personId = query.get('person');
  useState(() => ensureMoment(personId));
  useEffect(() => ensureMoment(personId), [personId]);
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const { moment, sync } = useMoment();
  const now = useNow(1_000);
  const person = usePerson(signedIn ? (moment?.personId ?? null) : null);
  const [ending, setEnding] = useState<Outcome | 'log' | undefined>(undefined);
  const [endError, setEndError] = useState<string | undefined>(undefined);
  const [parting, setParting] = useState(false);

  useEffect(() => {
    if (signedIn && moment?.pending.length) void flushMoment();
  }, [signedIn, moment?.key]);

  if (!moment) return <Page title="Moment">{<p class="loading">Starting…</p>}</Page>;
  const minutes = minutesSince(moment.startedAt, now);
  const declinedBy = person && !person.canAskAgain ? person.name : undefined;
  const advice = adviseMoment({
    minutes,
    phase: moment.phase,
    cues: moment.cues.map((tap) => tap.cue),
    declined: declinedBy !== undefined,
  });
  const shown = declinedBy
    ? { headline: 'No ask this time', tone: 'verdict-wait' }
    : VERDICT_LABELS[advice.verdict];

  async function logOutcome(suggest: Outcome | undefined) {
    setEndError(undefined);
    if (!signedIn) {
      setEndError('Logging the outcome needs an account: sign in first. The advice here works without one.');
      return;
    }
    setEnding(suggest ?? 'log');
    try {
      const id = await momentOnServer();
      navigate(`/outcome/${encodeURIComponent(id)}${suggest ? `?suggest=${suggest}` : ''}`);
    } catch (error: unknown) {
      setEndError(describeError(error));
    } finally {
      setEnding(undefined);
    }
  }

  return (
    <Page title="Moment" actions={<MomentTimer minutes={minutes} />}>
      <p class="moment-context">
        {person && <span class="moment-context__who">With {person.name}</span>}
        <SyncStatus sync={sync} signedIn={signedIn} />
      </p>
      <MomentVerdictBar headline={shown.headline} tone={shown.tone} minutes={minutes} />
      <MomentVerdict
        advice={advice}
        askHref={askHref(moment, person, advice.verdict === 'offer-instead')}
        declinedBy={declinedBy}
        onLetItBe={() => {
          setParting(true);
          void logOutcome('not-asked');
        }}
      />
      {parting && endError && (
        <div class="card moment-parting" role="status">
          <p class="moment-parting__line">“{NOT_ASKED.line}”</p>
          <p class="muted">{NOT_ASKED.note}</p>
        </div>
      )}
      <ChoiceGroup
        legend="Phase of the conversation"
        options={PHASE_CHOICES}
        value={moment.phase}
        columns={3}
        onChange={(phase) => setPhase(phase, signedIn)}
      />
      <MomentCuePad
        tapped={moment.cues}
        onTap={(cue: Cue) => tapCue(cue, Date.now(), signedIn)}
        onUndo={() => undoLastCue(signedIn)}
      />
      {canMoveStart(moment) && (
        <div class="moment-earlier">
          <p class="hint">Talking for a while already? Move the start back so the timer counts it.</p>
          <button type="button" class="secondary" onClick={() => moveStartBack(5)}>
            Started 5 min earlier
          </button>
        </div>
      )}
      <div class="actions moment-end">
        <button type="button" disabled={ending !== undefined} onClick={() => void logOutcome(undefined)}>
          {ending === 'log' ? 'Saving the moment…' : 'End & log outcome'}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setEndError(undefined);
            setParting(false);
            startMoment({ now: Date.now(), personId: null });
            // The next moment is with someone new: the address no longer names the last person.
            if (personId !== null) navigate('/moment', { replace: true });
          }}
        >
          New moment
        </button>
      </div>
      <FormError message={endError} />
    </Page>
  );
}

function MomentTimer(props: { minutes: number }) {
  const whole = Math.floor(props.minutes);
  return (
    <p class="moment-timer">
      <span class="moment-timer__value">{whole}</span> min
      <span class="moment-timer__label">since the start</span>
    </p>
  );
}

function SyncStatus(props: { sync: MomentSync; signedIn: boolean }) {
  const { sync } = props;
  let text: string;
  if (!props.signedIn || sync.state === 'signed-out') text = 'Not saved: sign in to keep a record.';
  else if (sync.state === 'offline') text = 'Not saved: offline. It keeps working here.';
  else if (sync.state === 'failed') text = `Not saved: ${sync.message}`;
  else if (sync.state === 'saving') text = 'Saving…';
  else if (sync.state === 'saved') text = 'Saved';
  else text = 'Kept on this phone until your first tap.';
  const problem = sync.state === 'offline' || sync.state === 'failed';
  return (
    <span class={problem ? 'moment-sync moment-sync--problem' : 'moment-sync'} role="status">
      {text}
    </span>
  );
}

/** The person the moment is with, when known (their name, and whether asking them is still open). */
function usePerson(personId: string | null): Person | undefined {
  const [person, setPerson] = useState<Person | undefined>(undefined);
  useEffect(() => {
    setPerson(undefined);
    if (personId === null) return;
    let current = true;
    fetchPerson(personId).then(
      (found) => current && setPerson(found),
      // Offline or gone: the moment carries on without their name.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [personId]);
  return person;
}

/** Ask's address, carrying what the moment knows: the encounter, their name, the approach. */
function askHref(moment: Moment, person: Person | undefined, offer: boolean): string {
  const query = new URLSearchParams();
  if (moment.encounterId) query.set('encounter', moment.encounterId);
  query.set('reason', 'continue');
  query.set('approach', offer ? 'offer' : 'direct');
  // People say a first name out loud; the field on Ask takes any correction.
  if (person) query.set('name', person.name.split(' ')[0] ?? person.name);
  return `/ask?${query.toString()}`;
}
