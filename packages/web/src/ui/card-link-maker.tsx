import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type Card, createLink, type LinkAddress } from '../data/card-api.ts';
import { CardLinkAddress } from './card-link-address.tsx';
import { FormError } from './field.tsx';
import './settings-forms.css';

const EXPIRY_CHOICES = [
  { days: 1, label: '1 day' },
  { days: 7, label: '1 week' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
];

/** "Share a link instead": makes an exchange link for the card, then shows its address once. */
export function CardLinkMaker(props: { card: Card; onMade: () => void }) {
  const [days, setDays] = useState(7);
  const [oneTime, setOneTime] = useState(true);
  const [made, setMade] = useState<LinkAddress | undefined>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const make = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      setMade(await createLink(props.card.id, { expiresInDays: days, oneTime }));
      props.onMade();
    } catch (caught: unknown) {
      setError(describeError(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="link-maker" aria-labelledby="link-maker-heading">
      <h2 id="link-maker-heading">Share a link instead</h2>
      <p>
        Send a link or show its code: they see what “{props.card.label}” shows, and may share their number
        back or say “not now”. Either way is fine.
      </p>
      <form onSubmit={make}>
        <fieldset class="link-maker__expiry">
          <legend>Works for</legend>
          {EXPIRY_CHOICES.map((choice) => (
            <label key={choice.days} class="check">
              <input
                type="radio"
                name="expiry"
                checked={days === choice.days}
                onChange={() => setDays(choice.days)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input
            type="checkbox"
            checked={oneTime}
            onChange={(event) => setOneTime(event.currentTarget.checked)}
          />
          One person only: the link ends after their answer
        </label>
        <FormError message={error} />
        <div class="actions">
          <button type="submit" disabled={sending}>
            {sending ? 'Making the link…' : made ? 'Make another link' : 'Make a link'}
          </button>
        </div>
      </form>
      {made && <CardLinkAddress address={made} cardLabel={props.card.label} />}
    </section>
  );
}
