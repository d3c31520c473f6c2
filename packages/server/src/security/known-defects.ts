import type { RouteEntry } from './route-table.ts';
import type { StoredProblem } from './stored-rows.ts';

/**
 * Defects this fuzzer found in code owned elsewhere, each reproduced by a `test.fails` in known-defects.test.ts and
 * reported. Rows they explain are counted in the figures, not failed, until the fix lands: then
 * the reproduction passes, vitest reports the `.fails` test as failing, and the entry goes.
 */
export const KNOWN_DEFECTS: {
  defect: string;
  explains: (problem: StoredProblem, all: StoredProblem[]) => boolean;
}[] = [];

/** 5xx answers with a known cause, reproduced by a `test.fails` in known-defects.test.ts: counted, not failed, until fixed. */
const KNOWN_SERVER_ERRORS: { defect: string; route: string; log: RegExp }[] = [];

export function isKnownServerError(route: RouteEntry, log: string | undefined): boolean {
  return KNOWN_SERVER_ERRORS.some(
    (known) => known.route === `${route.method} ${route.url}` && known.log.test(log ?? ''),
  );
}

export function knownDefectOf(problem: StoredProblem, all: StoredProblem[]): string | undefined {
  return KNOWN_DEFECTS.find(({ explains }) => explains(problem, all))?.defect;
}
