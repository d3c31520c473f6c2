import { type Cue, NEGATIVE_CUES, POSITIVE_CUES } from '@rapport/core';
import type { TappedCue } from '../data/moment-store.ts';
import { CUE_LABELS } from './moment-labels.ts';

/**
 * The cue buttons, grouped good signs / signs to respect: one tap records a cue, and the last tap can
 * be undone. A cue tapped more than once shows how often (the advisor counts it once).
 */
export function MomentCuePad(props: {
  tapped: readonly TappedCue[];
  onTap: (cue: Cue) => void;
  onUndo: () => void;
}) {
  const counts = new Map<Cue, number>();
  for (const { cue } of props.tapped) counts.set(cue, (counts.get(cue) ?? 0) + 1);
  const last = props.tapped.at(-1);
  return (
    <section class="cue-pad" aria-labelledby="cue-pad-heading">
      <div class="cue-pad__head">
        <h2 id="cue-pad-heading">What do you notice?</h2>
        <button type="button" class="secondary cue-pad__undo" disabled={!last} onClick={props.onUndo}>
          {last ? `Undo “${CUE_LABELS[last.cue]}”` : 'Undo'}
        </button>
      </div>
      <CueGroup title="Good signs" tone="positive" cues={POSITIVE_CUES} counts={counts} onTap={props.onTap} />
      <CueGroup
        title="Signs to respect"
        tone="negative"
        cues={NEGATIVE_CUES}
        counts={counts}
        onTap={props.onTap}
      />
    </section>
  );
}

function CueGroup(props: {
  title: string;
  tone: 'positive' | 'negative';
  cues: readonly Cue[];
  counts: ReadonlyMap<Cue, number>;
  onTap: (cue: Cue) => void;
}) {
  return (
    <fieldset class={`cue-group cue-group--${props.tone}`}>
      <legend>{props.title}</legend>
      <div class="cue-group__buttons">
        {props.cues.map((cue) => {
          const count = props.counts.get(cue) ?? 0;
          return (
            <button
              key={cue}
              type="button"
              class={count > 0 ? 'cue cue--tapped' : 'cue'}
              data-cue={cue}
              onClick={() => props.onTap(cue)}
            >
              {CUE_LABELS[cue]}
              {count > 0 && <span class="cue__count">{count > 1 ? ` ×${count}` : ' ✓'}</span>}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
