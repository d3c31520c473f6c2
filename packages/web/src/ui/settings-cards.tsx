import { SOCIAL_PLATFORMS } from '@rapport/core';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type Card, deleteCard, listCards } from '../data/card-api.ts';
import { Link } from '../router.tsx';
import { CardEditor } from './card-editor.tsx';
import { draftOfCard, newCardDraft } from './card-editor-state.ts';
import { FormError } from './field.tsx';

type Editing =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'delete'; id: string };

/** My cards: make one, change what each holds and shows, delete one (its links stop working). */
export function SettingsCards(props: { myName: string | null }) {
  const [cards, setCards] = useState<Card[] | undefined>();
  const [loadError, setLoadError] = useState<string>();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [actionError, setActionError] = useState<string>();

  const load = () => {
    setLoadError(undefined);
    listCards()
      .then(setCards)
      .catch((error: unknown) => setLoadError(describeError(error)));
  };
  useEffect(load, []);

  const saved = () => {
    setEditing({ kind: 'none' });
    load();
  };
  const remove = async (id: string) => {
    setActionError(undefined);
    try {
      await deleteCard(id);
      saved();
    } catch (error: unknown) {
      setActionError(describeError(error));
    }
  };
  const cancel = (
    <button type="button" class="secondary" onClick={() => setEditing({ kind: 'none' })}>
      Cancel
    </button>
  );

  return (
    <section id="cards" aria-labelledby="cards-heading">
      <h2 id="cards-heading">My cards</h2>
      {loadError && (
        <>
          <FormError message={loadError} />
          <button type="button" onClick={load}>
            Try again
          </button>
        </>
      )}
      {!cards && !loadError && <p class="loading">Loading your cards…</p>}
      {cards && cards.length === 0 && editing.kind !== 'new' && (
        <p class="muted">
          No cards yet. A card is what you may show someone you meet; you choose what it shows.
        </p>
      )}
      <ul class="list">
        {cards?.map((card) => (
          <li key={card.id} class="card settings-card">
            {editing.kind === 'edit' && editing.id === card.id ? (
              <CardEditor
                initial={draftOfCard(card)}
                cardId={card.id}
                submitLabel="Save changes"
                onSaved={saved}
              >
                {cancel}
              </CardEditor>
            ) : (
              <>
                <p class="settings-card__label">
                  <strong>{card.label}</strong>
                </p>
                <p class="muted">Shows: {describeCard(card)}</p>
                {editing.kind === 'delete' && editing.id === card.id ? (
                  <div class="confirm">
                    <p>
                      Delete “{card.label}”? Its links stop working at once. It cannot take back what was
                      already shared: whoever saved this card keeps it.
                    </p>
                    <FormError message={actionError} />
                    <div class="actions">
                      <button type="button" class="danger" onClick={() => remove(card.id)}>
                        Delete card
                      </button>
                      {cancel}
                    </div>
                  </div>
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => setEditing({ kind: 'edit', id: card.id })}
                    >
                      Edit <span class="visually-hidden">{card.label}</span>
                    </button>
                    <Link class="button secondary" href={`/card?card=${encodeURIComponent(card.id)}`}>
                      {/* One span: a flex button would trim the spaces around the hidden label. */}
                      <span>
                        Show <span class="visually-hidden">{card.label}</span> QR
                      </span>
                    </Link>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => setEditing({ kind: 'delete', id: card.id })}
                    >
                      Delete <span class="visually-hidden">{card.label}</span>
                    </button>
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {editing.kind === 'new' ? (
        <div class="card">
          <h3>New card</h3>
          <CardEditor initial={newCardDraft({ name: props.myName })} submitLabel="Make card" onSaved={saved}>
            {cancel}
          </CardEditor>
        </div>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => setEditing({ kind: 'new' })}>
            New card
          </button>
        </div>
      )}
    </section>
  );
}

function describeCard(card: Card): string {
  const { visible } = card;
  const parts = [
    visible.name && 'name',
    visible.phone && 'phone number',
    visible.email && 'email',
    visible.note && 'note',
    ...visible.handles.map((handle) => SOCIAL_PLATFORMS[handle.platform].label),
  ].filter((part): part is string => Boolean(part));
  return parts.length === 0 ? 'nothing yet' : parts.join(', ');
}
