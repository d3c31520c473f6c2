import type { Approach, AskLine } from '@rapport/core';

/**
 * The line in large type, readable at a glance mid-conversation, with another phrasing one tap away,
 * and the gracious answer ready in case they decline.
 */
export function AskLineCard(props: { ask: AskLine; approach: Approach; onAnother: () => void }) {
  const { ask } = props;
  return (
    <>
      <section class="card ask-line" aria-labelledby="ask-line-heading">
        <h2 id="ask-line-heading" class="ask-line__heading">
          {props.approach === 'friend' ? 'Say to your friend' : 'Say'}
        </h2>
        <p class="ask-line__text" aria-live="polite">
          “{ask.line}”
        </p>
        <button type="button" class="secondary" onClick={props.onAnother}>
          Another way to say it
        </button>
      </section>
      <section class="card ask-decline" aria-labelledby="ask-decline-heading">
        <h2 id="ask-decline-heading" class="ask-line__heading">
          If they decline
        </h2>
        <p class="ask-decline__text">“{ask.ifDeclined}”</p>
        <p class="muted">Then let it be: a “no” is a complete answer.</p>
        <h2 class="ask-line__heading">If they say yes</h2>
        <p class="ask-accept__text">“{ask.ifAccepted}”</p>
      </section>
    </>
  );
}
