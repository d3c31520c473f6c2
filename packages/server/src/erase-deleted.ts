import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from './app.ts';

/**
 * After a person or an account is deleted, and before the answer: leaves none of their bytes in the
 * database's files (see docs/decisions/0013-privacy-at-rest.md). When another connection's read
 * keeps the SQLite WAL from emptying, the delete stands and its old frames go at a later checkpoint:
 * worth a warning, not a failed request.
 */
export async function eraseDeleted(request: FastifyRequest, deps: RouteDeps): Promise<void> {
  if (!(await deps.store.eraseDeleted()))
    request.log.warn(
      'a reader kept the WAL from emptying: deleted rows stay in it until the next checkpoint',
    );
}
