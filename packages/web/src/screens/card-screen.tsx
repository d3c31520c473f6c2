import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type Card, type ExchangeLink, listCards, listLinks } from '../data/card-api.ts';
import { type LiveEvent, useLiveEvents } from '../data/live-events.ts';
import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { CardLinkList } from '../ui/card-link-list.tsx';
import { CardLinkMaker } from '../ui/card-link-maker.tsx';
import { type ActivityItem, CardLiveActivity } from '../ui/card-live-activity.tsx';
import { CardQrPanel } from '../ui/card-qr-panel.tsx';
import { FormError } from '../ui/field.tsx';
import { Page } from '../ui/page.tsx';
import './card-screen.css';

type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

/**
 * My card: its offline QR code (full screen on a tap), a link to share instead, my links and how
 * they were answered, and who shares back while I am here (live, from GET /api/events).
 */
export default function CardScreen(props: ScreenProps) {
  const [cards, setCards] = useState<Loaded<Card[]>>({ state: 'loading' });
  const [links, setLinks] = useState<Loaded<ExchangeLink[]>>({ state: 'loading' });
  const [chosen, setChosen] = useState(props.query.get('card') ?? undefined);
  const [activity, setActivity] = useState<ActivityItem[]>([]);

  const loadCards = useCallback(() => {
    setCards({ state: 'loading' });
    listCards()
      .then((value) => setCards({ state: 'ready', value }))
      .catch((error: unknown) => setCards({ state: 'failed', message: describeError(error) }));
  }, []);
  const loadLinks = useCallback(() => {
    listLinks()
      .then((value) => setLinks({ state: 'ready', value }))
      .catch((error: unknown) => setLinks({ state: 'failed', message: describeError(error) }));
  }, []);
  useEffect(() => {
    loadCards();
    loadLinks();
  }, [loadCards, loadLinks]);

  const status = useLiveEvents(
    (event: LiveEvent) => {
      setActivity((items) => [{ key: `${Date.now()}-${items.length}`, event, at: new Date() }, ...items]);
      loadLinks();
    },
    { onReconnect: loadLinks },
  );

  if (cards.state === 'loading')
    return <Page title="My card">{<p class="loading">Loading your cards…</p>}</Page>;
  if (cards.state === 'failed')
    return (
      <Page title="My card">
        <FormError message={cards.message} />
        <div class="actions">
          <button type="button" onClick={loadCards}>
            Try again
          </button>
        </div>
      </Page>
    );
  if (cards.value.length === 0)
    return (
      <Page title="My card">
        <p>
          You have no card yet. A card is what you may show someone you meet, and you choose what it shows.
        </p>
        <p>
          <Link class="button" href="/settings#cards">
            Make a card
          </Link>
        </p>
      </Page>
    );

  const card = cards.value.find((each) => each.id === chosen) ?? cards.value[0];
  if (!card) return null;
  return (
    <Page title="My card">
      {cards.value.length > 1 && (
        <div class="field">
          <label for="card-choice">Card to show</label>
          <select id="card-choice" value={card.id} onChange={(event) => setChosen(event.currentTarget.value)}>
            {cards.value.map((each) => (
              <option key={each.id} value={each.id}>
                {each.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <CardQrPanel key={card.id} card={card} />
      <CardLinkMaker key={`maker-${card.id}`} card={card} onMade={loadLinks} />
      <CardLiveActivity items={activity} status={status} />
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">My links</h2>
        {links.state === 'loading' && <p class="loading">Loading your links…</p>}
        {links.state === 'failed' && <FormError message={links.message} />}
        {links.state === 'ready' && <CardLinkList links={links.value} onChanged={loadLinks} />}
      </section>
      <p class="muted">
        Change what a card shows in <Link href="/settings#cards">Settings</Link>.
      </p>
    </Page>
  );
}
