import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { CardCopyButton } from './card-copy-button.tsx';
import { FormError } from './field.tsx';

/**
 * The calendar feed of follow-ups and meetups. Its address holds a secret of which the server keeps
 * only a hash, so it is shown once, when made; making a new one ends the old one at once.
 */
export function SettingsCalendarFeed() {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const make = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setUrl((await api<{ url: string }>('POST', '/api/calendar/reset')).url);
      setConfirming(false);
    } catch (caught: unknown) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar</h2>
      <p>
        See your follow-ups and meetups in your calendar app: subscribe to your private calendar address. It
        is shown only when it is made, because Rapport keeps just a fingerprint of it.
      </p>
      {url && (
        <div class="card">
          <p class="settings-calendar__url" data-testid="calendar-url">
            {url}
          </p>
          <p class="hint">
            Copy it into your calendar app now (“add calendar by URL”); it is not shown again.
          </p>
          <div class="actions">
            <CardCopyButton text={url} label="Copy calendar address" />
            <a class="button secondary" href={url.replace(/^https?:/, 'webcal:')}>
              Open in calendar app
            </a>
          </div>
        </div>
      )}
      <FormError message={error} />
      {confirming ? (
        <div class="confirm">
          <p>
            Make a new address? If you subscribed to an earlier one, it stops working now and you subscribe to
            the new one instead.
          </p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={make}>
              Make a new address
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(true)}>
            {url ? 'Reset the address' : 'Get my calendar address'}
          </button>
        </div>
      )}
    </section>
  );
}
