import { z } from 'zod';

export const emailSchema = z
  .email('email must be an email address, e.g. alex@example.org')
  .max(254)
  .transform((value) => value.toLowerCase());

export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'member']),
  settings: z.object({
    name: z.string().nullable(),
    phoneRegion: z.string(),
    timeZone: z.string(),
    quietHours: z.object({ start: z.string(), end: z.string() }),
    firstTextDelayHours: z.number(),
  }),
  createdAt: z.string(),
});
