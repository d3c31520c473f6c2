import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// @ts-expect-error: a plain .mjs script shared with `npm start`, typed by the cast where it is called.
import { ensureWebBuilt } from '../packages/web/scripts/ensure-built.mjs';

const DIST = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));
/** The screen the app opens on: the shell loads it at once, so it counts in the first load. */
const FIRST_SCREEN = 'src/screens/today-screen.tsx';
/** A string only uPlot's code carries (its root class name, in any quotes), to tell which chunks hold it. */
const UPLOT_MARK = /[`"']uplot[`"']/;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

export interface ScreenChunk {
  /** `moment` for src/screens/moment-screen.tsx. */
  screen: string;
  /** What opening it adds after the first load: its chunk and any static import not loaded yet. */
  gzipBytes: number;
  hasUplot: boolean;
}

export interface WebBundleFigures {
  /** The JavaScript of the first load: the entry, its static imports, and the Today screen's chunk. */
  firstLoadGzipBytes: number;
  firstLoadHasUplot: boolean;
  screens: ScreenChunk[];
  /** The floors, from their own published builds: Preact (with hooks) and uPlot. */
  preactGzipBytes: number;
  uplotGzipBytes: number;
}

/** Builds the web app when stale and weighs its JavaScript, gzip -9, from Vite's build manifest. */
export async function measureWebBundle(): Promise<WebBundleFigures> {
  await (ensureWebBuilt as (options: { quiet: boolean }) => Promise<boolean>)({ quiet: true });
  const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the web build has no entry chunk');
  const firstLoad = withStaticImports(manifest, [entry, FIRST_SCREEN]);
  const screens = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry && chunk.src?.startsWith('src/screens/'))
    .map(([key, chunk]) => {
      const added = [...withStaticImports(manifest, [key])].filter((file) => !firstLoad.has(file));
      return {
        screen: screenName(chunk.src ?? key),
        gzipBytes: gzipOf(added),
        hasUplot: added.some(hasUplot),
      };
    })
    .sort((a, b) => a.screen.localeCompare(b.screen));
  const packageDir = (name: string) =>
    dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  return {
    firstLoadGzipBytes: gzipOf([...firstLoad]),
    firstLoadHasUplot: [...firstLoad].some(hasUplot),
    screens,
    preactGzipBytes: gzipOfFiles([
      join(packageDir('preact'), 'dist/preact.module.js'),
      join(packageDir('preact'), 'hooks/dist/hooks.module.js'),
    ]),
    uplotGzipBytes: gzipOfFiles([join(packageDir('uplot'), 'dist/uPlot.iife.min.js')]),
  };
}

/** The output files of the given chunks and of everything they import statically, transitively. */
function withStaticImports(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the web build's manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return files;
}

/** `moment` for src/screens/moment-screen.tsx. */
function screenName(source: string): string {
  return source.replace(/^src\/screens\//, '').replace(/-screen\.tsx$/, '');
}

function gzipOf(files: string[]): number {
  return gzipOfFiles(files.map((file) => `${DIST}${file}`));
}

/** Each file gzipped on its own, as the server sends them, and summed. */
function gzipOfFiles(paths: string[]): number {
  return paths.reduce((sum, path) => sum + gzipSync(readFileSync(path), { level: 9 }).length, 0);
}

function hasUplot(file: string): boolean {
  return UPLOT_MARK.test(readFileSync(`${DIST}${file}`, 'utf8'));
}

/** A figure of the benchmark table (the shape bench/run-benchmarks.ts prints). */
export interface BenchRow {
  what: string;
  measured: string;
  baseline: string;
  budget: string;
  ok: boolean;
}

const FIRST_LOAD_BUDGET_BYTES = 60_000;

/** The first load against its budget, then what opening each other screen adds; uPlot only in Insights. */
export function webBundleRows(figures: WebBundleFigures): BenchRow[] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const rows: BenchRow[] = [
    {
      what: 'web app first load: JS of the shell + Today (gzip)',
      measured: kb(figures.firstLoadGzipBytes),
      baseline: `Preact + hooks alone ${kb(figures.preactGzipBytes)}`,
      budget: '≤ 60 KB, no uPlot',
      ok: figures.firstLoadGzipBytes <= FIRST_LOAD_BUDGET_BYTES && !figures.firstLoadHasUplot,
    },
  ];
  for (const screen of figures.screens) {
    if (screen.screen === screenName(FIRST_SCREEN)) continue;
    const charts = screen.screen === 'insights';
    rows.push({
      what: `web app: opening ${screen.screen} adds (gzip)`,
      measured: `${kb(screen.gzipBytes)}${screen.hasUplot ? ' with uPlot' : ''}`,
      baseline: charts ? `uPlot alone ${kb(figures.uplotGzipBytes)}` : '—',
      budget: charts ? 'uPlot here and only here' : 'no uPlot',
      ok: charts ? screen.hasUplot : !screen.hasUplot,
    });
  }
  return rows;
}
