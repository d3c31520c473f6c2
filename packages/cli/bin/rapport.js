#!/usr/bin/env node
// The `rapport` command. It runs its TypeScript sources bundled into a cached build: loading a
// bundle takes ~60 ms where a TypeScript loader takes ~250 ms (docs/decisions/0004-cli-bundle.md).
// The build is redone whenever any file it was built from has changed, so it is never stale.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const cache = cacheFolder();
const pointer = join(cache, 'current.json');

/**
 * Our own packages are bundled (they are TypeScript), and so are the core's few pure dependencies,
 * which every command needs; the server's packages (native ones among them) load as they are.
 */
const coreDependencies = [
  ...Object.keys(
    JSON.parse(readFileSync(join(here, '..', '..', 'core', 'package.json'), 'utf8')).dependencies ?? {},
  ),
  // ES modules of hundreds of files: Node opens them all at once while loading, which a low limit of
  // open files (ulimit -n 192) cannot take. Bundled, they are one file.
  'kysely',
  'fastify-type-provider-zod',
  'zod',
];
const keepPackagesExternal = {
  name: 'keep-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const isBundled =
        args.path.startsWith('@rapport/') ||
        coreDependencies.some((name) => args.path === name || args.path.startsWith(`${name}/`));
      return isBundled ? undefined : { path: args.path, external: true };
    });
  },
};

// `serve` finds the web app's build (packages/web/dist) beside the command unless told otherwise.
process.env.WEB_DIR ??= join(root, 'packages', 'web', 'dist');

const build = readFreshBuild() ?? (await rebuild());
await import(pathToFileURL(join(cache, build, 'main.js')).href);

function cacheFolder() {
  for (const folder of [
    join(root, 'node_modules', '.cache', 'rapport-cli'),
    join(tmpdir(), 'rapport-cli-cache'),
  ]) {
    try {
      mkdirSync(folder, { recursive: true });
      return folder;
    } catch {
      // Not writable (a read-only install): try the next place.
    }
  }
  throw new Error('rapport: no writable cache folder for the command bundle');
}

/** The current build's folder, if every file it was built from is unchanged. */
function readFreshBuild() {
  try {
    const { folder, inputs } = JSON.parse(readFileSync(pointer, 'utf8'));
    return inputs.every(([file, mtimeMs]) => statSync(file).mtimeMs === mtimeMs) ? folder : undefined;
  } catch {
    // No build yet, or an input is gone: build.
    return undefined;
  }
}

async function rebuild() {
  const esbuild = await import('esbuild');
  const folder = `build-${Date.now()}-${process.pid}`;
  const result = await esbuild.build({
    entryPoints: { main: join(here, '..', 'src', 'main.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: join(cache, folder),
    metafile: true,
    logLevel: 'error',
    absWorkingDir: root,
    plugins: [keepPackagesExternal],
  });
  // This file is an input too: a change to how the bundle is built rebuilds it.
  const inputs = [...Object.keys(result.metafile.inputs), fileURLToPath(import.meta.url)].map((file) => {
    const path = isAbsolute(file) ? file : join(root, file);
    return [path, statSync(path).mtimeMs];
  });
  // The pointer is replaced in one rename: a command starting meanwhile sees the old build or the new.
  const next = join(cache, `current.${process.pid}.json`);
  writeFileSync(next, JSON.stringify({ folder, inputs }));
  const previous = readPointerFolder();
  renameSync(next, pointer);
  if (previous && previous !== folder)
    setTimeout(() => rmSync(join(cache, previous), { recursive: true, force: true }), 60_000).unref();
  return folder;
}

function readPointerFolder() {
  try {
    return JSON.parse(readFileSync(pointer, 'utf8')).folder;
  } catch {
    // No previous build.
    return undefined;
  }
}
