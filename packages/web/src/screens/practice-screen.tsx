import {
  type PracticeResult,
  type PracticeScenario,
  pickScenarios,
  scorePractice,
  VERDICTS,
  type Verdict,
} from '@rapport/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScreenProps } from '../screen.ts';
import { CUE_LABELS, PHASE_LABELS } from '../ui/moment-labels.ts';
import { Page } from '../ui/page.tsx';
import { VERDICT_LABELS } from '../ui/verdict-labels.ts';
import { VerdictReasons } from '../ui/verdict-reasons.tsx';
import './practice-screen.css';

const ROUND_LENGTH = 5;

/** A fresh round: the page may use the clock for a seed; the core only ever takes one. */
function newRound(): PracticeScenario[] {
  return pickScenarios(ROUND_LENGTH, Date.now() % 2_147_483_647);
}

/**
 * The scenario trainer, offline: one moment at a time, pick a verdict, then the guide's explanation
 * and the advisor's reasons, with a running score.
 */
export default function PracticeScreen(_props: ScreenProps) {
  const [round, setRound] = useState(newRound);
  const [results, setResults] = useState<PracticeResult[]>([]);
  const [showing, setShowing] = useState<PracticeResult | undefined>(undefined);
  const focusTarget = useRef<HTMLHeadingElement>(null);
  const index = results.length - (showing ? 1 : 0);
  const scenario = round[index];
  const right = results.filter((result) => result.correct).length;

  // Each step moves focus to its heading, so a screen reader hears the new content first.
  useEffect(() => {
    if (results.length > 0 || showing) focusTarget.current?.focus();
  }, [index, showing]);

  if (!scenario) {
    return (
      <Page title="Practice">
        <section class="card practice-summary" aria-labelledby="practice-summary-heading">
          <h2 id="practice-summary-heading" ref={focusTarget} tabIndex={-1}>
            You read {right} of {round.length} moments right
          </h2>
          <p>
            {right === round.length
              ? 'A clean sweep. Timing gets easier with practice, and you are practising.'
              : 'Each explanation is a rule of the guide: the more you see them, the faster you read the moment.'}
          </p>
          <button
            type="button"
            onClick={() => {
              setRound(newRound());
              setResults([]);
              setShowing(undefined);
            }}
          >
            Practise again
          </button>
        </section>
      </Page>
    );
  }

  return (
    <Page title="Practice">
      <p class="practice-progress" role="status">
        Moment {index + 1} of {round.length} · {right} of {results.length} right so far
      </p>
      <section class="card practice-scenario" aria-labelledby="practice-scenario-heading">
        <h2 id="practice-scenario-heading" ref={showing ? undefined : focusTarget} tabIndex={-1}>
          {scenario.title}
        </h2>
        <p>{scenario.situation}</p>
        <dl class="practice-facts">
          <dt>Time</dt>
          <dd>{scenario.minutes} min in</dd>
          <dt>Phase</dt>
          <dd>{PHASE_LABELS[scenario.phase]}</dd>
          <dt>You notice</dt>
          <dd>
            {scenario.cues.length ? scenario.cues.map((cue) => CUE_LABELS[cue]).join(', ') : 'nothing yet'}
          </dd>
        </dl>
      </section>
      {showing ? (
        <PracticeAnswer
          result={showing}
          headingRef={focusTarget}
          last={index + 1 === round.length}
          onNext={() => setShowing(undefined)}
        />
      ) : (
        <fieldset class="practice-verdicts">
          <legend>What would you do?</legend>
          {VERDICTS.map((verdict: Verdict) => (
            <button
              key={verdict}
              type="button"
              class="secondary"
              onClick={() => {
                const result = scorePractice(scenario.id, verdict);
                setResults((before) => [...before, result]);
                setShowing(result);
              }}
            >
              {VERDICT_LABELS[verdict].headline}
            </button>
          ))}
        </fieldset>
      )}
    </Page>
  );
}

function PracticeAnswer(props: {
  result: PracticeResult;
  headingRef: { current: HTMLHeadingElement | null };
  last: boolean;
  onNext: () => void;
}) {
  const { result } = props;
  const rightLabels = result.right.map((verdict) => VERDICT_LABELS[verdict].headline).join(' or ');
  return (
    <section
      class={result.correct ? 'card practice-answer practice-answer--right' : 'card practice-answer'}
      aria-labelledby="practice-answer-heading"
    >
      <h2 id="practice-answer-heading" ref={props.headingRef} tabIndex={-1}>
        {result.correct ? `Right: ${rightLabels}` : `Not quite: the guide says ${rightLabels}`}
      </h2>
      {!result.correct && <p class="muted">You said: {VERDICT_LABELS[result.answer].headline}.</p>}
      <p>{result.why}</p>
      <h3>The advisor’s reasons</h3>
      <VerdictReasons reasons={result.advice.reasons} />
      <div class="actions">
        <button type="button" onClick={props.onNext}>
          {props.last ? 'See your score' : 'Next moment'}
        </button>
      </div>
    </section>
  );
}
