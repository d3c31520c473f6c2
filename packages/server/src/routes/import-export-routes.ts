import { DomainError, formatVCard } from '@rapport/core';
import type { PersonId } from '@rapport/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportAccount, exportPeopleVcf, exportSchema, personToVCard } from '../account-export.ts';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { importPeopleFromVcf } from '../import-people.ts';
import { registerCalendarRoutes } from './calendar-routes.ts';
import { idParams, regionOf } from './people-routes.ts';

/** Address books of several thousand cards with photos run to megabytes; JSON stays at 16 KiB. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'application/octet-stream'];
const VCARD_TYPE = 'text/vcard; charset=utf-8';

/** Import, vCard and JSON export, and the calendar feed (the export of what is due). */
export function registerImportExportRoutes(app: ZodApp, deps: RouteDeps): void {
  // Its own plugin: the vCard parser and the larger body limit apply to the import route only
  app.register(async (plugin: FastifyInstance) => {
    plugin.addContentTypeParser(
      VCARD_TYPES,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    registerImportRoute(plugin.withTypeProvider<ZodTypeProvider>(), deps);
  });

  app.get(
    '/api/people/:id/vcard',
    { schema: { summary: 'One person as a vCard 4.0 file.', params: idParams } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const person = await deps.store.people.get(accountId, request.params.id as PersonId);
      if (!person) throw notFound('person');
      return reply
        .type(VCARD_TYPE)
        .header('content-disposition', `attachment; filename="${safeFileName(person.name)}.vcf"`)
        .send(formatVCard(personToVCard(person), '4.0'));
    },
  );

  app.get(
    '/api/export',
    {
      schema: {
        summary: 'Everything of my account as JSON (no password hash, session, token or feed secret).',
        response: { 200: exportSchema },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const data = await exportAccount(deps.store, accountId, deps.now());
      reply.header(
        'content-disposition',
        `attachment; filename="rapport-export-${data.exportedAt.slice(0, 10)}.json"`,
      );
      return data;
    },
  );

  app.get(
    '/api/export/people.vcf',
    { schema: { summary: 'All my people as one vCard 4.0 file.' } },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      return reply
        .type(VCARD_TYPE)
        .header('content-disposition', 'attachment; filename="rapport-people.vcf"')
        .send(await exportPeopleVcf(deps.store, accountId));
    },
  );

  registerCalendarRoutes(app, deps);
}

function registerImportRoute(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/people/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary:
          'Import a .vcf file (vCard 2.1, 3.0 or 4.0), sent as the raw body with Content-Type: text/vcard. ' +
          'A number already here is merged into its person; bad cards are skipped with the reason.',
        response: {
          200: z.object({
            added: z.number().int(),
            merged: z.number().int(),
            skipped: z.array(
              z.object({
                index: z.number().int().describe('0-based position in the file'),
                reason: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const body: unknown = request.body;
      if (body !== undefined && !Buffer.isBuffer(body)) {
        throw new DomainError(
          'unsupported-media-type',
          'send the .vcf file itself as the body, with Content-Type: text/vcard',
        );
      }
      const region = await regionOf(accountId, deps);
      return importPeopleFromVcf(
        deps.store,
        accountId,
        body ?? new Uint8Array(),
        region,
        deps.now(),
        deps.newId,
      );
    },
  );
}

/** A file name every system accepts and no header can be broken by: ASCII letters, digits, '-'. */
function safeFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ascii || 'contact';
}
