import { createInterface, type Interface } from 'node:readline/promises';
import type { CliIo } from './cli-io.ts';
import { readConfig } from './config.ts';
import { run } from './run.ts';

const config = readConfig(process.env, process.stdout.isTTY === true);
let lines: Interface | undefined;
let ended = false;

const io: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  readLine: async (prompt) => {
    if (ended) return undefined;
    lines ??= createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY === true,
    });
    lines.once('close', () => {
      ended = true;
    });
    const answer = lines.question(prompt);
    const closed = new Promise<undefined>((resolve) => lines?.once('close', () => resolve(undefined)));
    return Promise.race([answer, closed]);
  },
  stdinIsTty: process.stdin.isTTY === true,
  color: config.color,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
};

const code = await run(process.argv.slice(2), io, () => Math.floor(Math.random() * 2 ** 31));
lines?.close();
process.exitCode = code;
