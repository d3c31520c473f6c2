import { useId, useState } from 'preact/hooks';
import { apiUpload, describeError } from '../api.ts';
import { renumberReason, splitVcfIntoBatches, type VcfBatch } from '../data/import-vcf-batches.ts';
import { FormError } from './field.tsx';

interface BatchAnswer {
  added: number;
  merged: number;
  skipped: { index: number; reason: string }[];
}

interface ImportRun {
  fileName: string;
  batches: VcfBatch[];
  total: number;
  /** Batches stored so far; the next one to send is batches[sent]. */
  sent: number;
  done: number;
  added: number;
  merged: number;
  skipped: { index: number; reason: string }[];
  state: 'running' | 'finished' | 'stopped';
  error?: string;
}

const SKIPPED_SHOWN = 50;

/**
 * Imports a .vcf file in batches of whole cards (one request each), so the progress bar moves as the
 * server stores them. Each batch is stored whole or not at all: if one fails, the ones before it are
 * kept and "Continue" sends the rest.
 */
export function ImportVcfForm() {
  const inputId = useId();
  const [file, setFile] = useState<File | undefined>();
  const [run, setRun] = useState<ImportRun | undefined>();
  const [error, setError] = useState<string>();

  const sendFrom = async (start: ImportRun) => {
    let current = { ...start, state: 'running' as const, error: undefined };
    setRun(current);
    for (let index = current.sent; index < current.batches.length; index += 1) {
      const batch = current.batches[index] as VcfBatch;
      try {
        const answer = await apiUpload<BatchAnswer>('/api/people/import', batch.body, 'text/vcard');
        current = {
          ...current,
          sent: index + 1,
          done: current.done + batch.cards,
          added: current.added + answer.added,
          merged: current.merged + answer.merged,
          skipped: [
            ...current.skipped,
            ...answer.skipped.map((skip) => ({
              index: batch.firstIndex + skip.index,
              reason: renumberReason(skip.reason, batch.firstIndex + skip.index),
            })),
          ],
        };
        setRun(current);
      } catch (caught: unknown) {
        setRun({ ...current, state: 'stopped', error: describeError(caught) });
        return;
      }
    }
    setRun({ ...current, state: 'finished' });
  };

  const start = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (!file) {
      setError('Choose a .vcf file first (your phone or mail app can export one).');
      return;
    }
    const batches = splitVcfIntoBatches(new Uint8Array(await file.arrayBuffer()));
    const total = batches.reduce((sum, batch) => sum + batch.cards, 0);
    await sendFrom({
      fileName: file.name,
      batches,
      total,
      sent: 0,
      done: 0,
      added: 0,
      merged: 0,
      skipped: [],
      state: 'running',
    });
  };

  const running = run?.state === 'running';
  return (
    <section id="import" aria-labelledby="import-heading">
      <h2 id="import-heading">Import contacts</h2>
      <p>
        Bring in people from a .vcf file (vCard 2.1, 3.0 or 4.0). A number you already have is merged into
        that person; cards that cannot be read are skipped, each with its reason. Imported people are marked
        as from your address book.
      </p>
      <form onSubmit={start} noValidate>
        <div class={error ? 'field field--error' : 'field'}>
          <label for={inputId}>Contacts file (.vcf)</label>
          <input
            id={inputId}
            type="file"
            accept=".vcf,text/vcard,text/x-vcard"
            disabled={running}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0]);
              setRun(undefined);
            }}
          />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div class="actions">
          <button type="submit" disabled={running}>
            {running ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {run && <ImportProgress run={run} onContinue={() => sendFrom(run)} />}
    </section>
  );
}

function ImportProgress(props: { run: ImportRun; onContinue: () => void }) {
  const { run } = props;
  const progressId = useId();
  const skipped = run.skipped.slice(0, SKIPPED_SHOWN);
  return (
    <div class="card import-progress">
      <label for={progressId}>Importing {run.fileName}</label>
      <progress id={progressId} max={Math.max(run.total, 1)} value={run.total === 0 ? 0 : run.done} />
      <p role="status" class="import-progress__count">
        {run.state === 'finished' ? 'Done: ' : ''}
        {run.done} of {run.total} cards
      </p>
      {run.state !== 'running' && (
        <p class="import-progress__summary">
          <strong>{run.added} added</strong>, {run.merged} merged, {run.skipped.length} skipped.
        </p>
      )}
      {run.state === 'stopped' && (
        <>
          <FormError message={`The import stopped: ${run.error ?? 'something went wrong'}`} />
          <p class="hint">The {run.done} cards before this point are saved. Continue to send the rest.</p>
          <div class="actions">
            <button type="button" onClick={props.onContinue}>
              Continue with the rest
            </button>
          </div>
        </>
      )}
      {run.state !== 'running' && skipped.length > 0 && (
        <details open={run.skipped.length <= 10}>
          <summary>Skipped cards and why</summary>
          <ul class="import-progress__skipped">
            {skipped.map((skip) => (
              <li key={skip.index}>{skip.reason}</li>
            ))}
          </ul>
          {run.skipped.length > SKIPPED_SHOWN && (
            <p class="muted">…and {run.skipped.length - SKIPPED_SHOWN} more.</p>
          )}
        </details>
      )}
    </div>
  );
}
