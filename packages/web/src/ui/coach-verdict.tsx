import { COACH_FLAG_NAMES } from '../data/coach-flag-names.ts';
import type { ServerCoaching } from '../data/person-api.ts';

/** The coach's verdict on a ready draft, in one line: ready to send, or what to look at. */
export function CoachVerdict(props: { coaching: ServerCoaching }) {
  const { coaching } = props;
  if (coaching.verdict === 'send')
    return <p class="coach-verdict coach-verdict--send">Coach: ready to send.</p>;
  return (
    <p class="coach-verdict coach-verdict--revise">
      Coach: worth a look before sending (
      {coaching.flags.map((flag) => COACH_FLAG_NAMES[flag.code]).join(', ')}).
    </p>
  );
}
