import { cardQrPayload, SOCIAL_PLATFORMS, visibleCardFields } from '@rapport/core';
import type { Card, Store } from '@rapport/db';
import { renderQr } from '@rapport/server';
import type { CliIo } from '../cli-io.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { withStore } from './store-commands.ts';

/**
 * `rapport card [--card <label or id>] [--email <account>] [--qr] [--mecard] [--json]`: my cards, or
 * one card's offline QR code drawn in the terminal for the other person's camera, with what it shares.
 */
export async function runCard(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('card', args, {
    card: { type: 'string' },
    email: { type: 'string' },
    qr: { type: 'boolean' },
    mecard: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.mecard && !values.qr)
    throw new UsageError('--mecard goes with --qr: rapport card --qr --mecard');
  const wanted = values.card as string | undefined;
  return withStore(io, async (store) => {
    const account = await findAccount(store, values.email as string | undefined);
    const cards = await store.cards.list(account.id);
    if (!values.qr) {
      const shown = wanted === undefined ? cards : [chooseCard(cards, wanted)];
      if (values.json) io.stdout(JSON.stringify({ cards: shown.map(withVisible) }));
      else io.stdout(shown.length > 0 ? shown.map(describeCard).join('\n') : NO_CARDS);
      return 0;
    }
    const card = chooseCard(cards, wanted);
    const format = values.mecard ? 'mecard' : 'vcard';
    const payload = cardQrPayload(card, format);
    if (values.json) {
      io.stdout(JSON.stringify({ card: withVisible(card), format, payload }));
      return 0;
    }
    // Colour draws dark on a forced light background; without it, plain block characters
    io.stdout(await renderQr(payload, io.color ? 'terminal' : 'text'));
    io.stdout(`\n${card.label}: scan to add the contact (no signal needed). It shares:`);
    io.stdout(describeVisible(card));
    return 0;
  });
}

const NO_CARDS = 'No cards yet: make one in the app (Cards), or with POST /api/cards.';

function withVisible(card: Card) {
  return { ...card, visible: visibleCardFields(card) };
}

/** A card by its label (any case) or id; with no --card, the only card there is. */
function chooseCard(cards: readonly Card[], wanted: string | undefined): Card {
  if (cards.length === 0) throw new UsageError(NO_CARDS);
  const labels = cards.map((card) => `'${card.label}'`).join(', ');
  if (wanted === undefined) {
    const [only, ...others] = cards;
    if (only && others.length === 0) return only;
    throw new UsageError(`choose a card with --card <label or id>: allowed are ${labels}`);
  }
  const card =
    cards.find((each) => each.id === wanted) ??
    cards.find((each) => each.label.toLowerCase() === wanted.trim().toLowerCase());
  if (!card) throw new UsageError(`unknown --card '${wanted}': allowed are ${labels}`);
  return card;
}

function describeCard(card: Card): string {
  const visible = visibleCardFields(card);
  const fields = [
    ...(['name', 'phone', 'email', 'note'] as const).filter((field) => visible[field] !== undefined),
    ...visible.handles.map((handle) => SOCIAL_PLATFORMS[handle.platform].label),
  ];
  return `${card.label}  (${card.id})  shows: ${fields.length > 0 ? fields.join(', ') : 'nothing yet'}`;
}

function describeVisible(card: Card): string {
  const visible = visibleCardFields(card);
  const rows: [string, string][] = [
    ...(['name', 'phone', 'email', 'note'] as const).flatMap((field): [string, string][] => {
      const value = visible[field];
      return value === undefined ? [] : [[field, value]];
    }),
    ...visible.handles.map((handle): [string, string] => [
      SOCIAL_PLATFORMS[handle.platform].label,
      handle.url,
    ]),
  ];
  if (rows.length === 0) return '  nothing: turn fields on in the app first';
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows
    .map(([name, value]) => `  ${name.padEnd(width)}  ${value.replace(/\s*\n\s*/g, ' ')}`)
    .join('\n');
}

async function findAccount(store: Store, email: string | undefined) {
  const account = await store.accounts.findForAdmin(email);
  if (account) return account;
  throw new UsageError(
    email
      ? `--email '${email}' is not an account on this server`
      : 'this server has no account yet: start it (npm start) and create one first',
  );
}
