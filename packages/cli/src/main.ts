import { createInterface, type Interface } from 'node:readline/promises';
import type { CliIo } from './cli-io.ts';
import { readConfig } from './config.ts';
import { readOpenFileLimit } from './open-file-limit.ts';
import { run } from './run.ts';

const config = readConfig(process.env, process.stdout.isTTY === true);
// Lines are read through one async iterator, which buffers piped input that arrives all at once.
let lines: AsyncIterator<string> | undefined;
let reader: Interface | undefined;

const io: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  stderrRaw: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  readLine: async (prompt) => {
    process.stdout.write(prompt);
    reader ??= createInterface({ input: process.stdin, terminal: false });
    lines ??= reader[Symbol.asyncIterator]();
    const next = await lines.next();
    return next.done ? undefined : next.value;
  },
  stdinIsTty: process.stdin.isTTY === true,
  color: config.color,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  env: process.env,
  openFileLimit: readOpenFileLimit(),
  stopSignal: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

const code = await run(process.argv.slice(2), io, () => Math.floor(Math.random() * 2 ** 31));
reader?.close();
process.exitCode = code;
