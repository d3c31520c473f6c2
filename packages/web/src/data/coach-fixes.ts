import type { CoachContext, CoachFlag, TextSpan } from '@rapport/core';

/** A change to the draft that answers one flag: one tap applies it. */
export interface CoachFix {
  /** What the button says it will do. */
  label: string;
  apply: (text: string) => FixedText;
}

export interface FixedText {
  text: string;
  /** What to select afterwards: a placeholder to type over, or the caret where the change was. */
  selection: TextSpan;
}

const PLACEHOLDER = '…';
const SENTENCE_END = /[.!?\n]/;
/** What a light message says instead of a demand or big feelings, when nothing else is left. */
const LIGHT_LINE = 'I really enjoyed talking with you!';

/**
 * The fix for a flag, or undefined when the flag is about timing (too soon, waiting on a reply) and
 * no change of words answers it. Fixes are small and visible; Undo takes one back.
 */
export function fixFor(flag: CoachFlag, text: string, context: CoachContext): CoachFix | undefined {
  const topic = context.topics?.find((candidate) => candidate.trim() !== '')?.trim();
  const span = flag.span;
  switch (flag.code) {
    case 'apologetic':
      return span && { label: `Remove “${quote(text, span)}”`, apply: (draft) => removeSpan(draft, span) };
    case 'pressure':
      if (!span) return undefined;
      if (/^[?!]+$/.test(text.slice(span.start, span.end))) {
        const mark = text.charAt(span.start);
        return {
          label: `Use one “${mark}”`,
          apply: (draft) => replaceSpan(draft, span, mark),
        };
      }
      return {
        label: `Remove “${quote(text, span)}”`,
        apply: (draft) => removeSentence(draft, span) ?? replaceAll(draft, LIGHT_LINE),
      };
    case 'too-strong':
      return (
        span && {
          label: `Replace “${quote(text, span)}” with something lighter`,
          apply: (draft) => removeSentence(draft, span) ?? replaceAll(draft, LIGHT_LINE),
        }
      );
    case 'generic':
      return {
        label: topic ? `Add what you said about ${topic}` : 'Add what you talked about',
        apply: (draft) =>
          append(asGreeting(draft), `It was great meeting you! ${referenceTo(topic)}`, !topic),
      };
    case 'no-shared-topic':
      return {
        label: topic ? `Mention ${topic}` : 'Mention what you talked about',
        apply: (draft) => insertReference(draft, referenceTo(topic), !topic),
      };
    case 'no-open-question':
      return {
        label: 'Add an open question',
        apply: (draft) =>
          append(
            draft,
            topic ? `How did you first get into ${topic}?` : 'What have you been up to since?',
            false,
          ),
      };
    case 'too-long':
      return span && { label: 'Shorten it', apply: (draft) => shorten(draft, span) };
    default:
      return undefined;
  }
}

function quote(text: string, span: TextSpan): string {
  const words = text.slice(span.start, span.end);
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}

function referenceTo(topic: string | undefined): string {
  return `I was just thinking about what you said about ${topic ?? PLACEHOLDER}.`;
}

/** "hey" → "Hey!": a greeting that stays, as the opening of a longer message. */
function asGreeting(text: string): string {
  const trimmed = capitalize(text.trim());
  return /[\p{L}\p{N}]$/u.test(trimmed) ? `${trimmed}!` : trimmed;
}

function isSentenceStart(before: string): boolean {
  const trimmed = before.trimEnd();
  return trimmed === '' || SENTENCE_END.test(trimmed.charAt(trimmed.length - 1));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Takes out a phrase and the commas and "but"s that hung on it, keeping the sentence readable. */
function removeSpan(text: string, span: TextSpan): FixedText {
  let before = text.slice(0, span.start);
  let after = text.slice(span.end).replace(/^[\s,;:—–-]+/, '');
  const atStart = isSentenceStart(before);
  if (atStart) after = capitalize(after.replace(/^(?:but|and|so)\b[\s,]*/i, ''));
  if (after === '' || /^[.!?]/.test(after)) before = before.replace(/[\s,;:—–-]+$/, '');
  else before = before.trimEnd();
  const joiner = before === '' || after === '' || /^[.!?]/.test(after) ? '' : ' ';
  const caret = before.length + joiner.length;
  return { text: before + joiner + after, selection: { start: caret, end: caret } };
}

function replaceSpan(text: string, span: TextSpan, replacement: string): FixedText {
  const caret = span.start + replacement.length;
  return {
    text: text.slice(0, span.start) + replacement + text.slice(span.end),
    selection: { start: caret, end: caret },
  };
}

function replaceAll(_text: string, replacement: string): FixedText {
  return { text: replacement, selection: { start: replacement.length, end: replacement.length } };
}

/** Takes out the sentence holding the span; undefined when that sentence is the whole draft. */
function removeSentence(text: string, span: TextSpan): FixedText | undefined {
  let start = span.start;
  while (start > 0 && !SENTENCE_END.test(text.charAt(start - 1))) start -= 1;
  let end = span.end;
  while (end < text.length && !SENTENCE_END.test(text.charAt(end))) end += 1;
  while (end < text.length && /[.!?\s]/.test(text.charAt(end))) end += 1;
  const before = text.slice(0, start).trimEnd();
  const after = text.slice(end);
  if (before.trim() === '' && after.trim() === '') return undefined;
  const joiner = before === '' || after === '' ? '' : ' ';
  const caret = before.length + joiner.length;
  return { text: before + joiner + after, selection: { start: caret, end: caret } };
}

/** Adds a sentence at the end; with a placeholder, selects it so typing replaces it. */
function append(text: string, sentence: string, selectPlaceholder: boolean): FixedText {
  let base = text.trimEnd();
  if (/[\p{L}\p{N}]$/u.test(base)) base += '.';
  const prefix = base === '' ? '' : `${base} `;
  return placed(prefix + sentence, prefix.length, sentence, selectPlaceholder);
}

/** After a short greeting ("Hey Sam!"), else at the start: where a reference reads naturally. */
function insertReference(text: string, sentence: string, selectPlaceholder: boolean): FixedText {
  const first = /^[^.!?\n]*[.!?\n]+/.exec(text)?.[0] ?? '';
  const rest = text.slice(first.length).trimStart();
  const isGreeting = first !== '' && rest !== '' && first.trim().split(/\s+/).length <= 5;
  if (!isGreeting) return placed(`${sentence} ${text.trimStart()}`.trimEnd(), 0, sentence, selectPlaceholder);
  const prefix = `${first.trimEnd()} `;
  return placed(`${prefix}${sentence} ${rest}`, prefix.length, sentence, selectPlaceholder);
}

function placed(text: string, sentenceAt: number, sentence: string, selectPlaceholder: boolean): FixedText {
  const holder = sentence.indexOf(PLACEHOLDER);
  if (selectPlaceholder && holder >= 0) {
    const start = sentenceAt + holder;
    return { text, selection: { start, end: start + PLACEHOLDER.length } };
  }
  const caret = sentenceAt + sentence.length;
  return { text, selection: { start: caret, end: caret } };
}

/** Keeps the whole sentences that fit before the limit; cuts at the limit when the first is too long. */
function shorten(text: string, span: TextSpan): FixedText {
  const head = text.slice(0, span.start);
  let cut = head.length;
  while (cut > 0 && !/[.!?]/.test(head.charAt(cut - 1))) cut -= 1;
  const kept = (cut > 0 ? head.slice(0, cut) : head).trimEnd();
  return { text: kept, selection: { start: kept.length, end: kept.length } };
}
