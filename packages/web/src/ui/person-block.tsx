import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import type { Block } from '../data/person-api.ts';
import { FormError } from './field.tsx';

const CANNOT_UNDO = 'Blocking stops new sharing. It cannot take back what was already shared.';

/**
 * Block one of my people: their introductions are dropped and my links answer them "not found".
 * Asks first, and says plainly what blocking cannot do: take back what was already shared.
 */
export function PersonBlock(props: {
  personId: string;
  name: string;
  block: Block | undefined;
  onChange: (block: Block | undefined) => void;
}) {
  const { block, name } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const run = async (action: () => Promise<Block | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChange(await action());
      setConfirming(false);
    } catch (caught: unknown) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const blockNow = () =>
    run(async () => (await api<{ block: Block }>('POST', '/api/blocks', { personId: props.personId })).block);
  const unblock = (id: string) =>
    run(async () => {
      await api('DELETE', `/api/blocks/${encodeURIComponent(id)}`);
      return undefined;
    });

  if (block)
    return (
      <div class="person-block">
        <p>
          <strong>{name} is blocked</strong> since {new Date(block.createdAt).toLocaleDateString()}.{' '}
          {CANNOT_UNDO}
        </p>
        <button type="button" class="secondary" disabled={busy} onClick={() => unblock(block.id)}>
          Unblock {name}
        </button>
        <FormError message={error} />
      </div>
    );
  return (
    <div class="person-block">
      <p class="muted">
        Blocking drops introductions that involve {name}, and your links answer them as if they did not exist.
      </p>
      {!confirming ? (
        <button type="button" class="secondary person-block__start" onClick={() => setConfirming(true)}>
          Block {name}…
        </button>
      ) : (
        <div class="card person-block__confirm">
          <p id="person-block-warning">
            <strong>{CANNOT_UNDO}</strong> Anything {name} already has from you stays with them, and their
            details stay in your people until you delete them.
          </p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={blockNow}>
              {busy ? 'Blocking…' : `Block ${name}`}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
