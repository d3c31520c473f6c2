import type { ConsentKind } from '@rapport/core';
import type { Person } from './person-api.ts';

/** How their details came to be here, in plain words: the consent record, read aloud. */
export const CONSENT_WORDS: Readonly<Record<ConsentKind, { short: string; long: string }>> = {
  'told-me-and-agreed': {
    short: 'They gave you their number',
    long: 'They gave you their number themselves and agreed that you keep it.',
  },
  'shared-via-link': {
    short: 'They shared it on your link',
    long: 'They typed it in themselves on your exchange link and agreed that you keep it.',
  },
  introduced: {
    short: 'Introduced by a friend',
    long: 'A friend introduced you, and both of you said yes before anything was shared.',
  },
  imported: {
    short: 'Imported from your address book',
    long: 'You imported it from your own address book.',
  },
};

/** One line for a list: how we met if I wrote it down, else where, else how they gave their details. */
export function howWeMet(person: Pick<Person, 'howMet' | 'whereMet' | 'consent'>): string {
  if (person.howMet) return person.howMet;
  if (person.whereMet) return `Met at ${person.whereMet}`;
  return CONSENT_WORDS[person.consent.kind].short;
}
