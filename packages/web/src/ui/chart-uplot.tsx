import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';

/** The design tokens of src/styles.css a chart draws with (a canvas cannot read CSS variables itself). */
export interface ChartColours {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  ok: string;
  wait: string;
  danger: string;
}

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * A uPlot chart as wide as its container, drawn in the current colour scheme and redrawn when it
 * changes. Decorative for screen readers (hidden from them): every chart comes with a text alternative.
 * `options` is read when the data or the colours change, so it may be a new function each render.
 */
export function UPlotChart(props: {
  options: (colours: ChartColours) => ChartOptions;
  data: uPlot.AlignedData;
  height: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const options = useRef(props.options);
  options.current = props.options;
  const colours = useChartColours();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const widthOf = () => Math.max(240, Math.floor(element.clientWidth));
    let width = widthOf();
    const chart = new uPlot(
      { ...options.current(colours), width, height: props.height },
      props.data,
      element,
    );
    const observer = new ResizeObserver(() => {
      if (widthOf() === width) return;
      width = widthOf();
      chart.setSize({ width, height: props.height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [colours, props.data, props.height]);

  return <div class="chart" ref={box} aria-hidden="true" />;
}

/** The token colours now, and again whenever the system switches between light and dark. */
function useChartColours(): ChartColours {
  const [colours, setColours] = useState(readColours);
  useEffect(() => {
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColours(readColours());
    scheme.addEventListener('change', update);
    return () => scheme.removeEventListener('change', update);
  }, []);
  return colours;
}

function readColours(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: token('--text'),
    muted: token('--muted'),
    grid: token('--border'),
    accent: token('--accent'),
    ok: token('--ok'),
    wait: token('--wait'),
    danger: token('--danger'),
  };
}

/** Axis styling shared by every chart: readable tick labels, a quiet grid. */
export function axisStyle(colours: ChartColours): uPlot.Axis {
  return {
    stroke: colours.muted,
    font: '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    grid: { stroke: colours.grid, width: 1 },
    ticks: { stroke: colours.grid, width: 1 },
  };
}

export const barPaths = (factor: number, max: number) => uPlot.paths.bars?.({ size: [factor, max], gap: 2 });
