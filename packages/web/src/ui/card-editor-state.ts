import { SOCIAL_PLATFORM_NAMES, type SocialPlatform } from '@rapport/core';
import { ApiError } from '../api.ts';
import type { Card, CardInput } from '../data/card-api.ts';

/** The card form as typed: every field a string, each with its own "show on the card" switch. */
export interface CardDraft {
  label: string;
  name: string;
  phone: string;
  email: string;
  note: string;
  show: { name: boolean; phone: boolean; email: boolean; note: boolean };
  /** Typed handle per platform ('' = none); WhatsApp uses `whatsapp: 'yes'` as it goes by the phone. */
  handles: Record<SocialPlatform, string>;
  showHandles: Record<SocialPlatform, boolean>;
}

const byPlatform = <T>(value: (platform: SocialPlatform) => T) =>
  Object.fromEntries(SOCIAL_PLATFORM_NAMES.map((platform) => [platform, value(platform)])) as Record<
    SocialPlatform,
    T
  >;

/** A new card shows the name and note; never the phone or email until the owner turns them on. */
export function newCardDraft(defaults: { label?: string; name?: string | null } = {}): CardDraft {
  return {
    label: defaults.label ?? '',
    name: defaults.name ?? '',
    phone: '',
    email: '',
    note: '',
    show: { name: true, phone: false, email: false, note: true },
    handles: byPlatform(() => ''),
    showHandles: byPlatform(() => true),
  };
}

export function draftOfCard(card: Card): CardDraft {
  const handleOf = (platform: SocialPlatform) => {
    const found = card.handles.find((handle) => handle.platform === platform);
    if (!found) return '';
    return platform === 'whatsapp' ? 'yes' : found.handle;
  };
  return {
    label: card.label,
    name: card.name ?? '',
    phone: card.phoneDisplay ?? card.phone ?? '',
    email: card.email ?? '',
    note: card.note ?? '',
    show: { name: card.shows.name, phone: card.shows.phone, email: card.shows.email, note: card.shows.note },
    handles: byPlatform(handleOf),
    showHandles: byPlatform((platform) => card.shows.handles.includes(platform) || handleOf(platform) === ''),
  };
}

/** What the API takes: empty text clears a field; a handle is sent only when it was typed. */
export function inputOfDraft(draft: CardDraft): CardInput {
  const platforms = SOCIAL_PLATFORM_NAMES.filter((platform) => draft.handles[platform].trim() !== '');
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    label: draft.label.trim(),
    name: orNull(draft.name),
    phone: orNull(draft.phone),
    email: orNull(draft.email),
    note: orNull(draft.note),
    handles: platforms.map((platform) =>
      platform === 'whatsapp' ? { platform } : { platform, handle: draft.handles[platform].trim() },
    ),
    shows: { ...draft.show, handles: platforms.filter((platform) => draft.showHandles[platform]) },
  };
}

/** Problems the form can see before asking the server, by field. */
export function checkDraft(draft: CardDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (draft.label.trim() === '')
    problems.label = 'Give the card a label, e.g. "Everyday" or "Just Instagram".';
  if (draft.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim()))
    problems.email = 'That does not look like an email address, e.g. alex@example.org.';
  if (draft.handles.whatsapp && draft.phone.trim() === '')
    problems['handle-whatsapp'] = 'WhatsApp goes by your phone number: add the phone above first.';
  return problems;
}

/**
 * The form field a server error belongs to. Handles come back by their position in the list sent
 * (`handles.2.handle`), which is mapped back to the platform's input.
 */
export function fieldOfError(error: unknown, sent: CardInput): string | undefined {
  if (!(error instanceof ApiError) || error.field === undefined) return undefined;
  const handle = /^handles\.(\d+)/.exec(error.field);
  if (handle) {
    const platform = sent.handles[Number(handle[1])]?.platform;
    return platform ? `handle-${platform}` : undefined;
  }
  const simple = ['label', 'name', 'phone', 'email', 'note'].find((name) => error.field === name);
  return simple;
}

/** The one-line summary of what a card reveals, e.g. "Alex Morgan · note · Instagram". */
export function describeShown(draft: CardDraft, labelOf: (platform: SocialPlatform) => string): string {
  const parts: string[] = [];
  if (draft.show.name && draft.name.trim()) parts.push('name');
  if (draft.show.phone && draft.phone.trim()) parts.push('phone number');
  if (draft.show.email && draft.email.trim()) parts.push('email');
  if (draft.show.note && draft.note.trim()) parts.push('note');
  for (const platform of SOCIAL_PLATFORM_NAMES) {
    if (draft.handles[platform].trim() && draft.showHandles[platform]) parts.push(labelOf(platform));
  }
  return parts.length === 0 ? 'nothing yet: turn on at least one field' : parts.join(', ');
}
