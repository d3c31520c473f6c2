import { DomainError, type DomainErrorCode } from '@rapport/core';
import type { CliIo } from './cli-io.ts';
import { runAsk } from './commands/ask-command.ts';
import { runCoach } from './commands/coach-command.ts';
import { runMoment } from './commands/moment-command.ts';
import { runPlan } from './commands/plan-command.ts';
import { runPractice } from './commands/practice-command.ts';
import { HELP_TEXTS, type HelpTopic } from './help-texts.ts';
import { connectionsWithin } from './open-file-limit.ts';
import { StartupError } from './startup-error.ts';
import { UsageError } from './usage-error.ts';

export type { CliIo } from './cli-io.ts';

/** Exit codes: 2 for bad usage, 1 for failure (STYLE.md). One table, checked by the compiler. */
const EXIT_CODE_BY_ERROR = {
  'invalid-input': 2,
  'scenario-not-found': 2,
  'not-found': 1,
  unauthenticated: 1,
  'phone-taken': 1,
  'email-taken': 1,
  'id-taken': 1,
  'signups-closed': 1,
  'unsupported-media-type': 2,
  'cross-site-request': 1,
  'misdirected-request': 1,
  'rate-limited': 1,
  'store-unavailable': 1,
  overloaded: 1,
} as const satisfies Record<DomainErrorCode, number>;

type Command = (args: readonly string[], io: CliIo, newSeed: () => number) => Promise<number>;

const COMMANDS: Record<Exclude<HelpTopic, 'rapport'>, Command> = {
  moment: runMoment,
  ask: runAsk,
  coach: runCoach,
  plan: runPlan,
  practice: runPractice,
  // The server's commands load its packages only when used, so the advice commands start fast.
  serve: async (args, io) => {
    // Before the server's packages load: loading them is what a too-low limit breaks first.
    const fits = connectionsWithin(io.openFileLimit);
    if (!fits.ok) throw new StartupError(fits.message);
    return (await import('./commands/serve-command.ts')).runServe(args, io, fits.connections);
  },
  migrate: async (args, io) => (await import('./commands/store-commands.ts')).runMigrate(args, io),
  backup: async (args, io) => (await import('./commands/store-commands.ts')).runBackup(args, io),
  import: async (args, io) => (await import('./commands/transfer-commands.ts')).runImport(args, io),
  export: async (args, io) => (await import('./commands/transfer-commands.ts')).runExport(args, io),
  card: async (args, io) => (await import('./commands/card-command.ts')).runCard(args, io),
};

/**
 * Runs one `rapport` command line and answers its exit code. Output goes through `io` only, so
 * tests run it in-process. `newSeed` picks a practice round when no --seed is given.
 */
export async function run(
  args: readonly string[],
  io: CliIo,
  newSeed: () => number = () => 0,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0] ?? 'rapport';
    io.stdout(isCommand(topic) || topic === 'rapport' ? HELP_TEXTS[topic] : HELP_TEXTS.rapport);
    return 0;
  }
  if (!isCommand(command)) {
    io.stderr(
      `rapport: unknown command '${command}': allowed are ${Object.keys(COMMANDS).join(', ')} (rapport --help)`,
    );
    return 2;
  }
  if (asksForHelp(rest)) {
    io.stdout(HELP_TEXTS[command]);
    return 0;
  }
  try {
    return await COMMANDS[command](rest, io, newSeed);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr(`rapport ${command}: ${error.message}`);
      return 2;
    }
    if (error instanceof StartupError || isStoreSetupError(error)) {
      io.stderr(`rapport ${command}: ${(error as Error).message}`);
      return 1;
    }
    if (error instanceof DomainError) {
      io.stderr(`rapport ${command}: ${error.message}`);
      return EXIT_CODE_BY_ERROR[error.code];
    }
    throw error;
  }
}

function isCommand(name: string): name is keyof typeof COMMANDS {
  return Object.hasOwn(COMMANDS, name);
}

/** --help before any `--`: after it, "--help" may be part of a message to coach. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The database would not open or keep its promises (read-only folder, durability settings off). */
function isStoreSetupError(error: unknown): boolean {
  return error instanceof Error && error.name === 'StoreSetupError';
}
