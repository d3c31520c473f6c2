import type { Advice, Verdict } from '@rapport/core';
import { Link } from '../router.tsx';
import { VERDICT_LABELS } from './verdict-labels.ts';
import { VerdictReasons } from './verdict-reasons.tsx';

/** The verdicts after which asking is the next step; after an offer-instead, my QR code is. */
const ASKING: readonly Verdict[] = ['ask-now', 'ask-before-it-ends'];

/**
 * The advisor's verdict on the moment, what to do now and why, and the ways on from it: the words
 * (Ask), my card's QR code, or letting it be. `declinedBy` replaces all of it: after a "no", nothing
 * here suggests asking that person again.
 */
export function MomentVerdict(props: {
  advice: Advice;
  askHref: string;
  declinedBy: string | undefined;
  onLetItBe: () => void;
}) {
  const { advice } = props;
  if (props.declinedBy !== undefined) {
    return (
      <section class="moment-verdict card" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading" class="moment-verdict__headline verdict-wait" data-verdict="no-ask">
          No ask this time
        </h2>
        <p>
          {props.declinedBy} said no when you asked before. Rapport respects that and won’t suggest asking
          again: enjoy the conversation for what it is.
        </p>
      </section>
    );
  }
  const { headline, tone } = VERDICT_LABELS[advice.verdict];
  const asking = ASKING.includes(advice.verdict);
  const offering = advice.verdict === 'offer-instead';
  return (
    <section class="moment-verdict card" aria-labelledby="verdict-heading">
      <div aria-live="polite" aria-atomic="true">
        <h2 id="verdict-heading" class={`moment-verdict__headline ${tone}`} data-verdict={advice.verdict}>
          {headline}
        </h2>
        <p class="moment-verdict__because">{advice.reasons[0]?.message}</p>
        <p class="moment-verdict__next">{advice.next}</p>
      </div>
      <div class="actions moment-verdict__actions">
        {advice.verdict !== 'let-it-be' && (
          <Link href={props.askHref} class={asking ? 'button' : 'button secondary'}>
            What to say
          </Link>
        )}
        {advice.verdict !== 'let-it-be' && advice.verdict !== 'wait' && (
          <Link href="/card" class={offering ? 'button' : 'button secondary'}>
            Show my QR
          </Link>
        )}
        <button
          type="button"
          class={advice.verdict === 'let-it-be' ? '' : 'secondary'}
          onClick={props.onLetItBe}
        >
          Let it be
        </button>
      </div>
      <details class="moment-verdict__why">
        <summary>
          Why ({advice.reasons.length === 1 ? '1 reason' : `${advice.reasons.length} reasons`})
        </summary>
        <VerdictReasons reasons={advice.reasons} />
      </details>
    </section>
  );
}
