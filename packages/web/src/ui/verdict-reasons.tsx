import type { Reason } from '@rapport/core';
import './verdict-reasons.css';

/**
 * Why the advisor says what it says: the deciding rule first, then each cue behind it, each with the
 * guide's idea, so every piece of advice can be traced to what was seen.
 */
export function VerdictReasons(props: { reasons: readonly Reason[] }) {
  if (props.reasons.length === 0) return null;
  return (
    <ul class="verdict-reasons">
      {props.reasons.map((reason) => (
        <li key={`${reason.kind}-${reason.id}`} class={`verdict-reason verdict-reason--${reason.kind}`}>
          <span class="verdict-reason__message">{reason.message}</span>{' '}
          <span class="verdict-reason__guide">{reason.guide}</span>
        </li>
      ))}
    </ul>
  );
}
