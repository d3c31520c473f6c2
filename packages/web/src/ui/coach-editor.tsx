import { type CoachContext, type CoachFlag, type Coaching, coachMessage, type TextSpan } from '@rapport/core';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type FixedText, fixFor } from '../data/coach-fixes.ts';
import { COACH_FLAG_NAMES } from '../data/coach-flag-names.ts';
import './coach-editor.css';

/**
 * A message box the coach reads as you type: what it flags is underlined in place (a mirrored layer
 * under a transparent textarea) and listed below in words, each with its suggestion and, where words
 * can answer it, a one-tap fix. The coach runs in the page: no network, well within a frame.
 */
export function CoachEditor(props: {
  id: string;
  label: string;
  text: string;
  context: CoachContext;
  onText: (text: string) => void;
}) {
  const { id, text, context, onText } = props;
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<TextSpan | undefined>(undefined);
  const [undo, setUndo] = useState<{ text: string; label: string } | undefined>(undefined);
  const coaching = useMemo(() => coach(text, context), [text, context]);

  // Grow with the text instead of scrolling, so the mirror under it never drifts out of line.
  useLayoutEffect(() => {
    const box = input.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight + 2}px`;
    const selection = pendingSelection.current;
    if (selection) {
      pendingSelection.current = undefined;
      box.focus();
      box.setSelectionRange(selection.start, selection.end);
    }
  }, [text]);

  const applyFix = (label: string, fixed: FixedText) => {
    setUndo({ text, label });
    pendingSelection.current = fixed.selection;
    onText(fixed.text);
  };

  const flags = coaching?.flags ?? [];
  return (
    <div class="coach-editor">
      <label for={id}>{props.label}</label>
      <div class="coach-editor__box">
        <div class="coach-editor__mirror" aria-hidden="true">
          {highlight(text, flags)}
        </div>
        <textarea
          ref={input}
          id={id}
          class="coach-editor__input"
          value={text}
          rows={4}
          spellcheck
          aria-describedby={`${id}-verdict`}
          onInput={(event) => {
            setUndo(undefined);
            onText(event.currentTarget.value);
          }}
        />
      </div>
      <p id={`${id}-verdict`} class="coach-editor__verdict" role="status">
        {verdictLine(coaching)}
      </p>
      {undo && (
        <p class="coach-editor__undo">
          <span class="muted">Changed: {undo.label}.</span>{' '}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              pendingSelection.current = { start: undo.text.length, end: undo.text.length };
              onText(undo.text);
              setUndo(undefined);
            }}
          >
            Undo
          </button>
        </p>
      )}
      {flags.length > 0 && (
        <ul class="list coach-editor__flags" aria-label="What the coach suggests">
          {flags.map((flag) => {
            const fix = fixFor(flag, text, context);
            return (
              <li key={flag.code} class="coach-flag">
                <p class="coach-flag__name">{COACH_FLAG_NAMES[flag.code]}</p>
                {flag.span && (
                  <p class="coach-flag__words">
                    <span class="coach-editor__hidden">Flagged words: </span>
                    <mark>{text.slice(flag.span.start, flag.span.end)}</mark>
                  </p>
                )}
                <p>{flag.message}</p>
                <p class="muted">{flag.suggestion}</p>
                {fix && (
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => applyFix(fix.label, fix.apply(text))}
                  >
                    {fix.label}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function coach(text: string, context: CoachContext): Coaching | undefined {
  // The coach has nothing to say about an empty box (and says so by throwing): show the prompt instead.
  return text.trim() === '' ? undefined : coachMessage(text, context);
}

function verdictLine(coaching: Coaching | undefined): string {
  if (!coaching) return 'Write your message: the coach reads along as you type.';
  if (coaching.verdict === 'send')
    return 'Ready to send: it mentions your conversation and asks an open question.';
  const count = coaching.flags.length;
  return `${count} ${count === 1 ? 'thing' : 'things'} to look at before you send it.`;
}

/** The text cut where flagged spans start and end; flagged parts marked for the underline. */
function highlight(text: string, flags: readonly CoachFlag[]) {
  const spans = flags.flatMap((flag) => (flag.span ? [flag.span] : []));
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let index = 0; index < points.length - 1; index += 1) {
    const start = points[index] ?? 0;
    const end = points[index + 1] ?? 0;
    if (end <= start) continue;
    const piece = text.slice(start, end);
    const flagged = spans.some((span) => span.start <= start && span.end >= end);
    parts.push(flagged ? <mark key={start}>{piece}</mark> : piece);
  }
  // A trailing newline takes a line in the textarea; a character keeps the mirror as tall.
  parts.push('\u200b');
  return parts;
}
