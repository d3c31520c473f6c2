import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { describePeriod, type Timeline, type TimelinePeriod } from '../data/insights-timeline.ts';
import { axisStyle, barPaths, type ChartColours, type ChartOptions, UPlotChart } from './chart-uplot.tsx';

/** How each period's asks went, bottom to top of a stacked bar. */
const PARTS = [
  { key: 'accepted', label: 'Accepted', colour: 'ok' },
  { key: 'anotherTime', label: 'Another time', colour: 'wait' },
  { key: 'declined', label: 'Declined', colour: 'danger' },
] as const satisfies readonly { key: keyof TimelinePeriod; label: string; colour: keyof ChartColours }[];

/** Tick labels need about this much room each; on a narrow screen only every few periods gets one. */
const LABEL_WIDTH_PX = 64;

/** Asks per week or month, stacked by outcome; the same in a sentence and a table. */
export function InsightsTimelineChart(props: { timeline: Timeline }) {
  const { periods, unit } = props.timeline;
  const data = useMemo<uPlot.AlignedData>(() => {
    // uPlot has no stacking: each series is the sum of the parts up to it, drawn tallest first so the
    // shorter ones paint over its lower part.
    const stacked = [...PARTS].reverse().map((_, top) => {
      const parts = PARTS.slice(0, PARTS.length - top);
      return periods.map((period) => parts.reduce((sum, part) => sum + period[part.key], 0) || null);
    });
    return [periods.map((_, index) => index), ...stacked];
  }, [periods]);
  const headingId = 'insights-timeline-heading';
  const periodName = unit === 'week' ? 'Week' : 'Month';
  return (
    <section class="insights-chart" aria-labelledby={headingId}>
      <h2 id={headingId}>Asks and how they went</h2>
      <p class="insights-chart__sentence">{describeTimeline(props.timeline)}</p>
      <ul class="insights-legend">
        {PARTS.map((part) => (
          <li key={part.key}>
            <span class={`insights-swatch insights-swatch--${part.colour}`} aria-hidden="true" />
            {part.label}
          </li>
        ))}
      </ul>
      <UPlotChart options={(colours) => timelineOptions(colours, props.timeline)} data={data} height={220} />
      <details class="insights-chart__numbers">
        <summary>The numbers</summary>
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{periodName}</th>
              {PARTS.map((part) => (
                <th scope="col" key={part.key}>
                  {part.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.start.getTime()}>
                <th scope="row">{describePeriod(period.start, unit)}</th>
                {PARTS.map((part) => (
                  <td key={part.key}>{period[part.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function describeTimeline({ periods, unit }: Timeline): string {
  const total = (period: TimelinePeriod) => PARTS.reduce((sum, part) => sum + period[part.key], 0);
  const sum = (key: (typeof PARTS)[number]['key']) => periods.reduce((all, period) => all + period[key], 0);
  const asks = periods.reduce((all, period) => all + total(period), 0);
  const span = `${periods.length} ${unit}${periods.length === 1 ? '' : 's'}`;
  const busiest = periods.reduce((best, period) => (total(period) > total(best) ? period : best));
  const parts = `${sum('accepted')} accepted, ${sum('anotherTime')} another time, ${sum('declined')} declined`;
  const most =
    periods.length > 1 ? ` Most asks: ${describePeriod(busiest.start, unit)} (${total(busiest)}).` : '';
  return `${asks} ${asks === 1 ? 'ask' : 'asks'} over ${span}: ${parts}.${most}`;
}

function timelineOptions(colours: ChartColours, { periods, unit }: Timeline): ChartOptions {
  return {
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, periods.length - 0.5] },
      y: { range: (_chart, _min, max) => [0, Math.max(2, Math.ceil(max))] },
    },
    axes: [
      {
        ...axisStyle(colours),
        grid: { show: false },
        splits: (chart) => {
          const room = Math.max(1, Math.floor(chart.bbox.width / devicePixelRatio / LABEL_WIDTH_PX));
          const every = Math.ceil(periods.length / room);
          return periods.map((_, index) => index).filter((index) => index % every === 0);
        },
        values: (_chart, splits) =>
          splits.map((split) => {
            const period = periods[split];
            return period ? shortPeriod(period.start, unit) : '';
          }),
      },
      {
        ...axisStyle(colours),
        size: 40,
        incrs: [1, 2, 5, 10, 20, 50, 100],
        values: (_chart, splits) => splits.map((split) => String(split)),
      },
    ],
    series: [
      {},
      ...[...PARTS].reverse().map((part) => ({
        label: part.label,
        fill: colours[part.colour],
        stroke: colours[part.colour],
        width: 0,
        points: { show: false },
        paths: barPaths(0.7, 40),
      })),
    ],
  };
}

function shortPeriod(start: Date, unit: Timeline['unit']): string {
  return unit === 'week'
    ? start.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
    : start.toLocaleDateString(undefined, { month: 'short' });
}
