import writeGood from 'write-good';
import { coachMessage } from '../packages/core/src/coach-message.ts';
import { COACH_CORPUS } from './coach-corpus.ts';

const WARM_UP_MS = 300;
const RUN_MS = 2_000;

/** Runs `check` over the corpus again and again for about `durationMs`; returns messages per second. */
function messagesPerSecond(check: (text: string) => unknown, durationMs: number): number {
  let messages = 0;
  // Sink keeps the work observable, so the JIT cannot drop the calls.
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const text of COACH_CORPUS) {
      if (check(text)) sink++;
    }
    messages += COACH_CORPUS.length;
    elapsed = performance.now() - started;
  } while (elapsed < durationMs);
  if (sink < 0) throw new Error('unreachable');
  return (messages / elapsed) * 1000;
}

/** The message coach against write-good (a prose linter) over the same varied corpus, on one core. */
export function measureCoach(): { messages: number; coachPerSecond: number; writeGoodPerSecond: number } {
  const coach = (text: string) => coachMessage(text).flags.length;
  const lint = (text: string) => writeGood(text).length;
  messagesPerSecond(coach, WARM_UP_MS);
  const coachPerSecond = messagesPerSecond(coach, RUN_MS);
  messagesPerSecond(lint, WARM_UP_MS);
  const writeGoodPerSecond = messagesPerSecond(lint, RUN_MS);
  return {
    messages: COACH_CORPUS.length,
    coachPerSecond: Math.round(coachPerSecond),
    writeGoodPerSecond: Math.round(writeGoodPerSecond),
  };
}
