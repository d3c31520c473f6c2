import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody } from './api-error.ts';

/** Paths the server itself answers: never the web app's index page, even when unknown. */
const SERVER_PATHS = /^\/(api|x|i|calendar)(\/|$)/;

/**
 * Serves the built web app (packages/web/dist) at `/`: hashed assets cached for a year, the index
 * page and the service worker revalidated on every load, and any unknown in-app path (`/people/42`)
 * answered with the index page so the app's router shows it. Without a build, `/` says how to make one.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const indexFile = webDir === undefined ? undefined : join(webDir, 'index.html');
  if (indexFile === undefined || !existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
    app.setNotFoundHandler((_request, reply) => reply.status(404).send(NOT_FOUND));
    return;
  }
  const indexHtml = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: webDir as string,
    prefix: '/',
    index: false,
    // The build's dotfiles (.vite/manifest.json, the build stamp) are not the app's to serve.
    dotfiles: 'ignore',
    wildcard: true,
    setHeaders: (response, path) => {
      const immutable = path.includes('/assets/');
      response.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !SERVER_PATHS.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (wantsPage) return sendIndex(reply);
    return reply.status(404).send(NOT_FOUND);
  });
}

const NOT_FOUND: ErrorBody = { error: { code: 'not-found', message: 'not found' } };

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Rapport</title></head>
<body><main><h1>Rapport is running</h1><p>The web app is not built: <code>npm start</code> builds it, or <code>npm run build --workspace @rapport/web</code>.</p><p>The API and its documentation: <a href="/api/docs">/api/docs</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>).</p></main></body></html>`;
