import { DomainError } from '@rapport/core';
import type { Block, BlockId, BlockTarget, PersonId } from '@rapport/db';
import { z } from 'zod';
import { notFound } from '../api-error.ts';
import type { RouteDeps, ZodApp } from '../app.ts';
import { authenticate } from '../authenticate.ts';
import { idParams } from './people-routes.ts';

/** Said plainly with every block: a block cannot un-share anything. */
export const BLOCK_NOTICE =
  'Blocking stops new sharing. It cannot take back what was already shared.' as const;

export const blockSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  linkId: z.string().nullable(),
  createdAt: z.string(),
});
const blockAnswer = z.object({ block: blockSchema, notice: z.literal(BLOCK_NOTICE) });

export function registerBlockRoutes(app: ZodApp, deps: RouteDeps): void {
  app.post(
    '/api/blocks',
    {
      schema: {
        summary:
          'Block one of my people (their introductions are dropped, my links answer them not found) ' +
          'or one of my links (it stops working). Blocking again answers the existing block.',
        body: z.strictObject({
          personId: z.string().min(1).max(64).optional(),
          linkId: z.string().min(1).max(64).optional(),
        }),
        response: { 200: blockAnswer, 201: blockAnswer },
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      const target = targetOf(request.body);
      const now = deps.now().toISOString();
      const id = deps.newId() as BlockId;
      const write = await deps.store.transaction((stores) =>
        stores.blocks.create(accountId, { id, target, now }),
      );
      if (!write.ok) {
        const what = write.missing === 'personId' ? 'one of your people' : 'one of your links';
        throw new DomainError('not-found', `${write.missing} is not ${what}`, write.missing);
      }
      return reply
        .status(write.created ? 201 : 200)
        .send({ block: presentBlock(write.block), notice: BLOCK_NOTICE });
    },
  );

  app.get(
    '/api/blocks',
    {
      schema: {
        summary: 'The people and links I blocked, newest first.',
        response: { 200: z.object({ blocks: z.array(blockSchema), notice: z.literal(BLOCK_NOTICE) }) },
      },
    },
    async (request) => {
      const accountId = await authenticate(request, deps);
      const blocks = await deps.store.blocks.list(accountId);
      return { blocks: blocks.map(presentBlock), notice: BLOCK_NOTICE };
    },
  );

  app.delete(
    '/api/blocks/:id',
    {
      schema: {
        summary: 'Unblock: new sharing is possible again; dropped introductions stay dropped.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const accountId = await authenticate(request, deps);
      if (!(await deps.store.blocks.delete(accountId, request.params.id as BlockId))) throw notFound('block');
      return reply.status(204).send();
    },
  );
}

function targetOf(body: { personId?: string | undefined; linkId?: string | undefined }): BlockTarget {
  if (body.personId !== undefined && body.linkId !== undefined)
    throw new DomainError('invalid-input', 'give personId or linkId, not both', 'linkId');
  if (body.personId !== undefined) return { personId: body.personId as PersonId };
  if (body.linkId !== undefined) return { linkId: body.linkId };
  throw new DomainError('invalid-input', 'personId or linkId is required: what to block', 'personId');
}

export function presentBlock(block: Block): z.infer<typeof blockSchema> {
  return { id: block.id, personId: block.personId, linkId: block.linkId, createdAt: block.createdAt };
}
