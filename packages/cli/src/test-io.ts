import type { CliIo } from './cli-io.ts';

/** A CliIo that records what a command printed, with scripted standard input. For tests. */
export function createTestIo(
  options: {
    stdin?: string;
    lines?: string[];
    timeZone?: string;
    env?: Record<string, string | undefined>;
    stop?: Promise<void>;
    stderrIsTty?: boolean;
  } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const lines = [...(options.lines ?? [])];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stderrRaw: (text) => progress.push(text),
    stderrIsTty: options.stderrIsTty ?? false,
    readStdin: async () => options.stdin ?? '',
    readLine: async (prompt) => {
      out.push(prompt);
      return lines.shift();
    },
    stdinIsTty: options.stdin === undefined,
    color: false,
    timeZone: options.timeZone ?? 'Europe/Berlin',
    env: options.env ?? {},
    stopSignal: () => options.stop ?? new Promise(() => {}),
  };
  return {
    io,
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    errLines: () => err,
    progress: () => progress.join(''),
  };
}
