import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, transformWithOxc } from 'vite';

const SERVICE_WORKER_SOURCE = fileURLToPath(new URL('./src/sw.ts', import.meta.url));

// The app is served by @rapport/server at `/`; `npm run dev` proxies the API to a running server.
export default defineConfig({
  plugins: [preact(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/x': 'http://localhost:3000', '/i': 'http://localhost:3000' },
  },
});

/**
 * Emits `sw.js` (src/sw.ts, compiled) with the list of every file of this build to precache and a
 * version hash of their contents: a new build is a new worker with a new cache, which replaces the old.
 * Hand-written instead of vite-plugin-pwa/workbox: see docs/decisions/0008-web-app.md.
 */
function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'rapport:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      // After Vite's own plugins have added index.html and the CSS to the bundle.
      order: 'post',
      async handler(_options, bundle) {
        const files = new Map<string, string | Uint8Array>();
        for (const [fileName, output] of Object.entries(bundle)) {
          // Vite's build manifest is for the tools (bench), not for the browser.
          if (fileName.startsWith('.vite/')) continue;
          files.set(fileName, output.type === 'chunk' ? output.code : output.source);
        }
        for (const path of listFiles(publicDir))
          files.set(relative(publicDir, path).split(sep).join('/'), readFileSync(path));
        const source = readFileSync(SERVICE_WORKER_SOURCE, 'utf8');
        const urls = [...files.keys()].sort().map((fileName) => `/${fileName}`);
        const hash = createHash('sha256').update(source);
        for (const url of urls) hash.update(url).update(files.get(url.slice(1)) ?? '');
        const version = hash.digest('hex').slice(0, 12);
        const compiled = await transformWithOxc(source, SERVICE_WORKER_SOURCE, { lang: 'ts' });
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: `const PRECACHE = ${JSON.stringify(urls)};\nconst BUILD_VERSION = '${version}';\n${compiled.code}`,
        });
      },
    },
  };
}

function listFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(path));
    else found.push(path);
  }
  return found;
}
