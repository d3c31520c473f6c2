#!/usr/bin/env node
// The `rapport` command. It runs the TypeScript sources bundled into one cached file: loading a
// bundle takes ~60 ms where a TypeScript loader takes ~250 ms (docs/decisions/0004-cli-bundle.md).
// The bundle is rebuilt whenever any file it was built from has changed, so it is never stale.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const entry = join(here, '..', 'src', 'main.ts');
const bundle = join(cacheFolder(), 'rapport-cli.mjs');
const inputsFile = `${bundle}.inputs.json`;

if (!isFresh()) await build();
await import(pathToFileURL(bundle).href);

function cacheFolder() {
  for (const folder of [join(root, 'node_modules', '.cache', 'rapport'), join(tmpdir(), 'rapport-cache')]) {
    try {
      mkdirSync(folder, { recursive: true });
      return folder;
    } catch {
      // Not writable (a read-only install): try the next place.
    }
  }
  throw new Error('rapport: no writable cache folder for the command bundle');
}

function isFresh() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every(([file, mtimeMs]) => statSync(file).mtimeMs === mtimeMs);
  } catch {
    // No bundle yet, or an input is gone: build.
    return false;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const partial = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: partial,
    metafile: true,
    logLevel: 'error',
    packages: 'bundle',
    absWorkingDir: root,
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const path = join(root, file);
    return [path, statSync(path).mtimeMs];
  });
  // Written then renamed, so a command running at the same time never loads half a bundle.
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(partial, bundle);
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}
