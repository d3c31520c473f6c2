import './insights-screen.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type InsightsData, loadInsights } from '../data/insights-api.ts';
import { percent } from '../data/insights-describe.ts';
import { buildTimeline } from '../data/insights-timeline.ts';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { InsightsFollowUp } from '../ui/insights-follow-up.tsx';
import { InsightsRateChart } from '../ui/insights-rate-chart.tsx';
import { InsightsTimelineChart } from '../ui/insights-timeline-chart.tsx';
import { Page } from '../ui/page.tsx';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; data: InsightsData };

/** My own outcomes, from what I logged: charts (uPlot lives in this screen's chunk only) and findings in words. */
export default function InsightsScreen(_props: ScreenProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const load = () => {
    setLoaded({ state: 'loading' });
    loadInsights().then(
      (data) => setLoaded({ state: 'ready', data }),
      (error: unknown) => setLoaded({ state: 'failed', message: describeError(error) }),
    );
  };
  useEffect(load, []);

  return (
    <Page title="Insights">
      <p class="muted">Patterns in your own asks, from what you logged. Only you see them.</p>
      {loaded.state === 'loading' && (
        <p class="loading" role="status">
          Loading your insights…
        </p>
      )}
      {loaded.state === 'failed' && (
        <div class="card">
          <p class="error" role="alert">
            {loaded.message}
          </p>
          <div class="actions">
            <button type="button" class="secondary" onClick={load}>
              Try again
            </button>
          </div>
        </div>
      )}
      {loaded.state === 'ready' && <Insights data={loaded.data} />}
    </Page>
  );
}

function Insights({ data }: { data: InsightsData }) {
  const { summary } = data;
  const timeline = useMemo(() => buildTimeline(data.encounters), [data.encounters]);
  if (summary.asks === 0)
    return (
      <div class="card insights-empty">
        {summary.findings.map((finding) => (
          <p key={finding.text}>
            <strong>{finding.text}</strong>
          </p>
        ))}
        <p>
          After a conversation, log how the ask went. Here you will then see when your asks were accepted: how
          many minutes in, with how many positive cues, and how the follow-ups went.
        </p>
        <div class="actions">
          <Link class="button" href="/moment">
            Read a moment
          </Link>
        </div>
      </div>
    );

  return (
    <>
      <dl class="insights-totals">
        <div>
          <dt>Asks</dt>
          <dd>{summary.asks}</dd>
        </div>
        <div>
          <dt>Accepted</dt>
          <dd>{summary.accepted}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{summary.rate === null ? '—' : percent(summary.rate)}</dd>
        </div>
      </dl>
      <section aria-labelledby="insights-findings-heading">
        <h2 id="insights-findings-heading">What stands out</h2>
        <ul class="insights-findings">
          {summary.findings.map((finding) => (
            <li key={finding.topic + finding.text} class="card">
              {finding.text}
            </li>
          ))}
        </ul>
      </section>
      {timeline.periods.length > 0 && <InsightsTimelineChart timeline={timeline} />}
      <InsightsRateChart
        id="insights-minutes"
        title="By minutes before asking"
        groupName="Minutes before asking"
        buckets={summary.byMinutes}
      />
      <InsightsRateChart
        id="insights-cues"
        title="By positive cues noticed"
        groupName="Positive cues"
        buckets={summary.byPositiveCues}
      />
      <InsightsRateChart
        id="insights-approach"
        title="By approach"
        groupName="Approach"
        buckets={summary.byApproach}
      />
      <InsightsFollowUp followUp={summary.followUp} />
    </>
  );
}
