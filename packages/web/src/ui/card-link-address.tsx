import type { LinkAddress } from '../data/card-api.ts';
import { svgDataUrl } from '../data/card-api.ts';
import { CardCopyButton } from './card-copy-button.tsx';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * A link's address as it is shown once: its QR code, the URL, Copy, and Share where the device has
 * a share sheet. After this the server keeps only a hash, so the address cannot be shown again.
 */
export function CardLinkAddress(props: { address: LinkAddress; cardLabel: string }) {
  const { address } = props;
  const canShare = typeof navigator.share === 'function';
  const share = async () => {
    try {
      await navigator.share({ title: 'My contact card', url: address.url });
    } catch {
      // the person closed the share sheet: nothing to say
    }
  };
  return (
    <div class="card link-address">
      <img
        class="link-address__qr"
        src={svgDataUrl(address.qrSvg)}
        alt={`QR code of the link to your card “${props.cardLabel}”`}
        width={240}
        height={240}
      />
      {/* Plain text, not a link: opening it here would count as the other person viewing it. */}
      <p class="link-address__url" data-testid="link-url">
        {address.url}
      </p>
      <p class="hint">
        Works until {dateFormat.format(new Date(address.expiresAt))}. This address is shown only now: copy or
        share it before you leave this screen.
      </p>
      <div class="actions">
        <CardCopyButton text={address.url} label="Copy link" />
        {canShare && (
          <button type="button" class="secondary" onClick={share}>
            Share…
          </button>
        )}
      </div>
    </div>
  );
}
