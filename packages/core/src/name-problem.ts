/**
 * Characters that draw nothing: format characters (Unicode Cf: zero width space, joiners, marks),
 * whitespace, the default-ignorables (Hangul fillers, variation selectors) and the braille blank,
 * which renders as an empty cell. A name made only of these looks empty, or like someone else's.
 */
const INVISIBLE = /^[\p{Cf}\p{Cc}\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/**
 * Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text around them:
 * "‮gpj.exe" shows as "exe.jpg". Left-to-right and right-to-left marks (U+200E, U+200F) do not
 * reorder anything and are kept.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Why a name (of a person, a card or an account) cannot be kept, as a sentence saying what to do;
 * undefined when it can. Every path that writes a name asks this.
 * @example
 * nameProblem('René Dupré') // undefined
 * nameProblem('\u200B\u200B') // 'use at least one visible letter: …'
 */
export function nameProblem(name: string): string | undefined {
  if (INVISIBLE.test(name))
    return 'use at least one visible letter: a name of spaces or invisible characters alone cannot be told apart';
  if (DIRECTION_CONTROLS.test(name))
    return 'remove the text-direction controls (U+202A–U+202E, U+2066–U+2069): they make a name read as something else';
  return undefined;
}
