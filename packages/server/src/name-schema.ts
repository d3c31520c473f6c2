import { nameProblem } from '@rapport/core';
import { z } from 'zod';

/** Refuses a name that is invisible or carries text-direction controls; '' is left to the schema. */
function refuseBadName(name: string, context: z.RefinementCtx): void {
  const problem = name === '' ? undefined : nameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
}

/**
 * A name as every route takes it (a person's, a card's, the account's): trimmed, 1 to 100
 * characters, not invisible and without text-direction controls (see nameProblem).
 */
export const nameSchema = z.string().trim().min(1).max(100).superRefine(refuseBadName);

/** A card's name, which may be left empty: the card then goes by a handle or an email. */
export const cardNameSchema = z.string().trim().max(100).superRefine(refuseBadName).nullable().optional();
