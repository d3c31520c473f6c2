/** Everything the CLI touches outside itself, passed in so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Writes to stderr as is (no newline), for a progress bar that redraws its line. */
  stderrRaw: (text: string) => void;
  /** Whether stderr is a terminal: progress bars only draw there. */
  stderrIsTty: boolean;
  /** The whole of standard input, for `rapport coach` without a text argument. */
  readStdin: () => Promise<string>;
  /** One line typed by the user, for interactive practice; undefined at the end of input. */
  readLine: (prompt: string) => Promise<string | undefined>;
  /** Whether standard input is a terminal (then the coach will not wait for piped text). */
  stdinIsTty: boolean;
  /** Colour only on a terminal, and never with NO_COLOR set. */
  color: boolean;
  /** The system time zone, the default of `--tz`. */
  timeZone: string;
  /** The environment, read by the server's configuration for `serve`, `migrate`, `backup`, … */
  env: Readonly<Record<string, string | undefined>>;
  /** The process's limit of open files, where the system tells it (`serve` fits its connections in). */
  openFileLimit?: number | undefined;
  /** Resolves when the user asks the process to stop (Ctrl-C, SIGTERM). */
  stopSignal: () => Promise<void>;
}
