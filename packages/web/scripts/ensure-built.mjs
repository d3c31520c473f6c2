#!/usr/bin/env node
// Builds the web app into packages/web/dist unless the build there is fresh: every file it was built
// from (the app's sources, public files, the core's sources, the Vite config) is unchanged since.
// `npm start` and the browser tests call it, so a fresh clone serves a complete app with no extra step.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const stamp = join(dist, '.build-inputs.json');

/**
 * Every file the build reads, with its modification time. Paths relative to the package: the stamp
 * is served with the app, and the server's folders are nobody's business.
 */
function listInputs() {
  // This script too: how it builds is part of what was built.
  const files = [
    fileURLToPath(import.meta.url),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'package.json'),
  ];
  for (const folder of [join(web, 'src'), join(web, 'public'), join(web, '..', 'core', 'src')])
    walk(folder, files);
  return files
    .filter((file) => !file.endsWith('.test.ts'))
    .map((file) => [relative(web, file), statSync(file).mtimeMs]);
}

function walk(folder, into) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else into.push(path);
  }
}

function isFresh(inputs) {
  try {
    const built = JSON.parse(readFileSync(stamp, 'utf8'));
    return JSON.stringify(built) === JSON.stringify(inputs);
  } catch {
    return false;
  }
}

/** Builds when stale (or when forced); answers whether it built. */
export async function ensureWebBuilt({ force = false, quiet = false } = {}) {
  const inputs = listInputs();
  if (!force && isFresh(inputs)) return false;
  const { build } = await import('vite');
  if (!quiet) process.stdout.write('Building the web app (once after each change)…\n');
  // Vite takes NODE_ENV over the mode, and Vitest sets it to `test`: without this the browser tests
  // would get a development build (no service worker, JSX debug info in the bundle).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: web,
      mode: 'production',
      logLevel: quiet ? 'error' : 'warn',
      configFile: join(web, 'vite.config.ts'),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(stamp, JSON.stringify(inputs));
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureWebBuilt({ force: process.argv.includes('--force') });
}
