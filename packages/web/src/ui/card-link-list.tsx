import { useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import {
  type ExchangeLink,
  type LinkAddress,
  type LinkState,
  resetLink,
  revokeLink,
} from '../data/card-api.ts';
import { Link } from '../router.tsx';
import { CardLinkAddress } from './card-link-address.tsx';
import { FormError } from './field.tsx';

const STATE_WORDS: Record<LinkState, string> = {
  active: 'Active',
  expired: 'Expired',
  'shared-back': 'Shared back',
  declined: 'Declined',
  revoked: 'Switched off',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** My exchange links, newest first: how each was answered, and reset or switch off the live ones. */
export function CardLinkList(props: { links: ExchangeLink[]; onChanged: () => void }) {
  if (props.links.length === 0)
    return <p class="muted">No links yet. Links you make appear here with how they were answered.</p>;
  const anyActive = props.links.some((link) => link.state === 'active');
  return (
    <>
      {anyActive && (
        <p class="hint link-list__warning">
          “New address” ends the old address and gives the link a new one, e.g. if it reached the wrong
          person. Switching a link off (or blocking someone) stops anyone new from using it. Neither can take
          back what was already shared: whoever saved your card keeps it.
        </p>
      )}
      <ul class="list">
        {props.links.map((link) => (
          <LinkItem key={link.id} link={link} onChanged={props.onChanged} />
        ))}
      </ul>
    </>
  );
}

function LinkItem(props: { link: ExchangeLink; onChanged: () => void }) {
  const { link } = props;
  const [address, setAddress] = useState<LinkAddress | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      props.onChanged();
    } catch (caught: unknown) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => run(async () => setAddress(await resetLink(link.id)));
  const revoke = () =>
    run(async () => {
      await revokeLink(link.id);
      setConfirming(false);
      setAddress(undefined);
    });

  return (
    <li class="card link-item" data-link-id={link.id}>
      <p class="link-item__head">
        <strong>{link.cardLabel}</strong>
        <span class={`link-state link-state--${link.state}`}>{STATE_WORDS[link.state]}</span>
      </p>
      <p class="muted link-item__facts">
        Made {dateFormat.format(new Date(link.createdAt))}
        {link.state === 'active' && ` · works until ${dateFormat.format(new Date(link.expiresAt))}`}
        {link.oneTime ? ' · for one person' : ''}
        {link.viewed ? ' · opened' : ' · not opened yet'}
        {link.sharedBack > 0 && ` · ${link.sharedBack} shared back`}
        {link.declined > 0 && ` · ${link.declined} said not now`}
      </p>
      {link.personId && (
        <p>
          <Link href={`/people/${encodeURIComponent(link.personId)}`}>See who shared back</Link>
        </p>
      )}
      {address && <CardLinkAddress address={address} cardLabel={link.cardLabel} />}
      <FormError message={error} />
      {link.state === 'active' && !confirming && (
        <div class="actions">
          <button type="button" class="secondary" disabled={busy} onClick={reset}>
            New address
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(true)}>
            Switch off
          </button>
        </div>
      )}
      {link.state === 'active' && confirming && (
        <div class="link-item__confirm">
          <p>Switch this link off? Nobody new can use it. What was already shared through it stays shared.</p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={revoke}>
              Switch it off
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
