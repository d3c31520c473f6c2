import type { OutcomeSummary } from '@rapport/core';
import { percent } from '../data/insights-describe.ts';

/** Follow-ups sent on time out of those that came due: a bar for the eye, the sentence for everyone. */
export function InsightsFollowUp(props: { followUp: OutcomeSummary['followUp'] }) {
  const { due, onTime, adherence } = props.followUp;
  return (
    <section class="insights-chart" aria-labelledby="insights-follow-up-heading">
      <h2 id="insights-follow-up-heading">Follow-ups kept</h2>
      {adherence === null ? (
        <p class="muted">
          No follow-up has come due yet. When one does, this shows how many you sent on time (within a day).
        </p>
      ) : (
        <>
          <p class="insights-chart__sentence">
            You sent {onTime} of {due} follow-ups on time ({percent(adherence)}), within a day of when they
            were due.
          </p>
          <div class="insights-meter" aria-hidden="true">
            <span class="insights-meter__kept" style={{ width: `${adherence * 100}%` }} />
          </div>
        </>
      )}
    </section>
  );
}
