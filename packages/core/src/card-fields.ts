import { formatVCard } from './format-vcard.ts';
import { profileUrl, SOCIAL_PLATFORMS, type SocialPlatform } from './social-handles.ts';

/** What a card holds and which of it the owner chose to show; `shows.handles` lists platforms. */
export interface CardContent {
  name: string | null;
  /** E.164 */
  phone: string | null;
  email: string | null;
  note: string | null;
  handles: readonly { platform: string; handle: string }[];
  shows: {
    name: boolean;
    phone: boolean;
    email: boolean;
    note: boolean;
    handles: readonly string[];
  };
}

/** The fields a card reveals to whoever sees it: only the ones its owner turned on. */
export interface VisibleCardFields {
  name?: string;
  phone?: string;
  email?: string;
  note?: string;
  handles: { platform: SocialPlatform; handle: string; url: string }[];
}

export type CardQrFormat = 'vcard' | 'mecard';

/**
 * The one place that decides what a card reveals: a field appears only when its flag is on and it
 * has a value; a handle only when its platform is shown. WhatsApp goes by the phone number, so it
 * appears only when the phone is shown too, and always as that number.
 * @example
 * visibleCardFields({ name: 'Alex', phone: '+4917012345678', email: null, note: null,
 *   handles: [{ platform: 'instagram', handle: 'alex.k' }],
 *   shows: { name: true, phone: false, email: false, note: false, handles: ['instagram'] } })
 * // { name: 'Alex', handles: [{ platform: 'instagram', handle: 'alex.k', url: 'https://instagram.com/alex.k' }] }
 */
export function visibleCardFields(card: CardContent): VisibleCardFields {
  const { shows } = card;
  const phone = shows.phone && card.phone ? card.phone : undefined;
  const handles: VisibleCardFields['handles'] = [];
  for (const entry of card.handles) {
    if (!shows.handles.includes(entry.platform) || !isSocialPlatform(entry.platform)) continue;
    const handle = entry.platform === 'whatsapp' ? phone : entry.handle;
    if (!handle || handles.some((shown) => shown.platform === entry.platform && shown.handle === handle))
      continue;
    handles.push({ platform: entry.platform, handle, url: profileUrl({ platform: entry.platform, handle }) });
  }
  return {
    ...(shows.name && card.name ? { name: card.name } : {}),
    ...(phone ? { phone } : {}),
    ...(shows.email && card.email ? { email: card.email } : {}),
    ...(shows.note && card.note ? { note: card.note } : {}),
    handles,
  };
}

/**
 * The text of a card's offline QR code: a small vCard 3.0 (which older phones read too) or a
 * MeCard, built only from {@link visibleCardFields}. No photo, so it stays a small, quick-to-scan code.
 * @example
 * cardQrPayload(card, 'mecard') // 'MECARD:N:Alex;URL:https\\://instagram.com/alex.k;;'
 */
export function cardQrPayload(card: CardContent, format: CardQrFormat = 'vcard'): string {
  const visible = visibleCardFields(card);
  const name = displayName(visible);
  const urls = visible.handles.map((handle) => handle.url);
  if (format === 'mecard') {
    const fields = [`N:${escapeMeCard(name)}`];
    if (visible.phone) fields.push(`TEL:${escapeMeCard(visible.phone)}`);
    if (visible.email) fields.push(`EMAIL:${escapeMeCard(visible.email)}`);
    for (const url of urls) fields.push(`URL:${escapeMeCard(url)}`);
    // MeCard has no line breaks: a note's newlines become spaces.
    if (visible.note) fields.push(`NOTE:${escapeMeCard(visible.note.replace(/\r\n|[\r\n]/g, ' '))}`);
    return `MECARD:${fields.join(';')};;`;
  }
  return formatVCard(
    {
      name,
      phones: visible.phone ? [visible.phone] : [],
      emails: visible.email ? [visible.email] : [],
      urls,
      ...(visible.note ? { note: visible.note } : {}),
    },
    '3.0',
  );
}

/** A contact needs a name to be saved: with the name hidden, the first shown handle or email stands in. */
function displayName(visible: VisibleCardFields): string {
  return (
    visible.name ?? visible.handles.find((h) => h.platform !== 'whatsapp')?.handle ?? visible.email ?? ''
  );
}

/** MeCard (NTT DoCoMo) escapes its separators and the backslash with a backslash. */
function escapeMeCard(value: string): string {
  return value.replace(/[\\;,:]/g, (char) => `\\${char}`);
}

function isSocialPlatform(platform: string): platform is SocialPlatform {
  return Object.hasOwn(SOCIAL_PLATFORMS, platform);
}
