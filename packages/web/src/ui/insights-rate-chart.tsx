import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import {
  describeAcceptance,
  describeBuckets,
  labelBucket,
  type OutcomeBucket,
  percent,
} from '../data/insights-describe.ts';
import { axisStyle, barPaths, type ChartColours, type ChartOptions, UPlotChart } from './chart-uplot.tsx';

/**
 * How often asks were accepted in each group (minutes before asking, positive cues, approach), as bars
 * of 0–100% with the number of asks under each; the same figures in a sentence and a table.
 */
export function InsightsRateChart(props: {
  id: string;
  title: string;
  /** The table's first column: what the groups are. */
  groupName: string;
  buckets: OutcomeBucket[];
}) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      props.buckets.map((_, index) => index),
      props.buckets.map((bucket) => (bucket.rate === null ? null : Math.round(bucket.rate * 100))),
    ],
    [props.buckets],
  );
  const headingId = `${props.id}-heading`;
  return (
    <section class="insights-chart" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      <p class="insights-chart__sentence">{describeBuckets(props.buckets)}</p>
      <UPlotChart options={(colours) => rateOptions(colours, props.buckets)} data={data} height={220} />
      <details class="insights-chart__numbers">
        <summary>The numbers</summary>
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{props.groupName}</th>
              <th scope="col">Asks</th>
              <th scope="col">Accepted</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {props.buckets.map((bucket) => (
              <tr key={bucket.bucket}>
                <th scope="row">{labelBucket(bucket.bucket).long}</th>
                <td>{bucket.asks}</td>
                <td>{bucket.accepted}</td>
                <td>{bucket.rate === null ? '—' : percent(bucket.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function rateOptions(colours: ChartColours, buckets: OutcomeBucket[]): ChartOptions {
  const positions = buckets.map((_, index) => index);
  return {
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, buckets.length - 0.5] },
      y: { range: [0, 100] },
    },
    axes: [
      {
        ...axisStyle(colours),
        grid: { show: false },
        size: 52,
        splits: () => positions,
        values: (_chart, splits) =>
          splits.map((split) => {
            const bucket = buckets[split];
            return bucket ? `${labelBucket(bucket.bucket).short}\n${askCount(bucket.asks)}` : '';
          }),
      },
      {
        ...axisStyle(colours),
        // Room for "100%" at 13px.
        size: 60,
        splits: () => [0, 25, 50, 75, 100],
        values: (_chart, splits) => splits.map((split) => `${split}%`),
      },
    ],
    series: [
      {},
      {
        label: 'Accepted',
        fill: colours.accent,
        stroke: colours.accent,
        width: 0,
        points: { show: false },
        paths: barPaths(0.6, 64),
        value: (_chart, _value, _series, index) => {
          const bucket = index === null ? undefined : buckets[index];
          return bucket ? describeAcceptance(bucket) : '';
        },
      },
    ],
  };
}

function askCount(asks: number): string {
  return asks === 1 ? '1 ask' : `${asks} asks`;
}
