// Rapport's service worker: the app opens with no signal once it has been opened online.
// Built by the `service-worker` plugin in vite.config.ts, which prepends the two constants below:
// every file of this build (the shell, every screen's chunk and CSS, the icons) and a hash of them.
// It is a classic script (no imports), so `navigator.serviceWorker.register('/sw.js')` can load it.

declare const self: ServiceWorkerGlobalScope;
declare const PRECACHE: readonly string[];
declare const BUILD_VERSION: string;

const CACHE_PREFIX = 'rapport-app-';
const CACHE = `${CACHE_PREFIX}${BUILD_VERSION}`;
const SHELL = '/index.html';
// Answered by the server alone and never stored: private data (the API), other people's pages (/x/,
// /i/: `no-store` per RELIABILITY.md) and the calendar feed at its secret address.
const SERVER_ONLY = /^\/(api|x|i|calendar)(\/|$)/;
// A navigation that hangs this long on a weak signal gets the cached shell instead.
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  // `reload`: straight from the server, never a stale copy from the HTTP cache. All or nothing, so a
  // half-cached version never takes over. No skipWaiting: a page already open keeps the files it
  // started with; the new version takes over when every Rapport window has closed.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      // The first install controls the page that installed it, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Anything not ours, or the server's own: the browser fetches it as if there were no worker.
  if (url.origin !== self.location.origin || SERVER_ONLY.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request));
  else event.respondWith(cacheFirst(request));
});

/** The newest app when the server answers; the shell of this version when it does not (or too slowly). */
async function networkFirst(request: Request): Promise<Response> {
  try {
    return await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
  } catch {
    const shell = await caches.match(SHELL, { cacheName: CACHE });
    if (shell) return shell;
    return offlinePage();
  }
}

/** Hashed assets and icons never change under one name: the cached copy is the right one. */
async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  return cached ?? fetch(request);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Only reachable if the cache was cleared under the worker: say so rather than show the browser's error. */
function offlinePage(): Response {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Rapport</title><main><h1>You are offline</h1><p>Rapport could not reach the server. Open it again when you have a signal.</p></main></html>';
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
