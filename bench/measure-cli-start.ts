import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BINARY = fileURLToPath(new URL('../packages/cli/bin/rapport.js', import.meta.url));
const MOMENT_ARGS = [
  'moment',
  '--minutes',
  '12',
  '--phase',
  'flowing',
  '--cues',
  'laughing,questions-back',
  '--json',
];

function medianMs(runs: number, args: string[]): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Median start-to-answer of `rapport moment …`, beside a bare `node -e ''` from the same run. */
export function measureCliStart(runs = 21): { rapportMomentMs: number; bareNodeMs: number } {
  spawnSync(process.execPath, [BINARY, ...MOMENT_ARGS]); // builds the bundle if a source changed
  return {
    rapportMomentMs: medianMs(runs, [BINARY, ...MOMENT_ARGS]),
    bareNodeMs: medianMs(runs, ['-e', '']),
  };
}
