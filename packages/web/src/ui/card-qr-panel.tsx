import { SOCIAL_PLATFORMS } from '@rapport/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Card, loadOfflineQr, svgDataUrl } from '../data/card-api.ts';

/**
 * The card's offline QR code (the card itself, as a vCard): a phone camera adds me with no server
 * and no signal. Black on white whatever the theme; "Full screen" fills the viewport so it scans
 * from across a table, and Escape or the same button closes it.
 */
export function CardQrPanel(props: { card: Card }) {
  const { card } = props;
  const [full, setFull] = useState(false);
  const [svg, setSvg] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setFailed(false);
    loadOfflineQr(card.id)
      .then(setSvg)
      .catch(() => setFailed(true));
  }, [card.id, card.updatedAt]);

  useEffect(() => {
    if (!full) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setFull(false);
    };
    // Left the browser's full screen some other way (a back gesture): close ours too.
    const onFullscreenChange = () => {
      if (!document.fullscreenElement) setFull(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    document.body.classList.add('qr-full-open');
    toggle.current?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      document.body.classList.remove('qr-full-open');
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [full]);

  const open = () => {
    setFull(true);
    // Where allowed, the browser's own full screen also hides its address bar: a bigger code. The
    // overlay fills the window either way, so a refusal changes nothing.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <section aria-labelledby="qr-heading" class={full ? 'qr qr--full' : 'qr'}>
      <h2 id="qr-heading" class={full ? 'qr__title' : undefined}>
        {full ? (card.visible.name ?? card.label) : 'Scan to add me'}
      </h2>
      <div class="qr__frame">
        {failed ? (
          <p class="qr__failed" role="alert">
            The code could not be loaded. If you are offline, open My card once with a signal and try again.
          </p>
        ) : svg === undefined ? (
          <p class="loading">Drawing your code…</p>
        ) : (
          <img
            class="qr__image"
            src={svgDataUrl(svg)}
            alt={`QR code of your card “${card.label}”: a phone camera adds you as a contact`}
          />
        )}
      </div>
      <p class="qr__offline">Works with no signal: their camera reads your card straight from the code.</p>
      {!full && <p class="muted">It gives them: {describeVisible(card)}.</p>}
      <div class="actions qr__actions">
        <button ref={toggle} type="button" aria-pressed={full} onClick={full ? () => setFull(false) : open}>
          {full ? 'Close full screen' : 'Full screen'}
        </button>
      </div>
    </section>
  );
}

function describeVisible(card: Card): string {
  const { visible } = card;
  const parts = [
    visible.name,
    visible.phone && 'your phone number',
    visible.email && 'your email',
    visible.note && 'your note',
    ...visible.handles.map((handle) => `${SOCIAL_PLATFORMS[handle.platform].label} ${handle.handle}`),
  ].filter((part): part is string => Boolean(part));
  return parts.length === 0 ? 'nothing yet (turn fields on in Settings)' : parts.join(', ');
}
