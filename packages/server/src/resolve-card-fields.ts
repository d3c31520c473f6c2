import {
  cardQrPayload,
  DomainError,
  parseSocialHandle,
  SOCIAL_PLATFORMS,
  type SocialPlatform,
  splitPhoneExtension,
} from '@rapport/core';
import type { Card, CardFields, CardHandle, CardShows } from '@rapport/db';
import { toE164 } from './phone-numbers.ts';

/** A card as POST and PATCH take it: absent keeps (or defaults), null clears. */
export interface CardInput {
  label?: string | undefined;
  name?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  note?: string | null | undefined;
  handles?: { platform: SocialPlatform; handle?: string | undefined }[] | undefined;
  shows?: Partial<Omit<CardShows, 'handles'> & { handles: SocialPlatform[] }> | undefined;
}

/**
 * The whole card after `input` is applied to `previous` (none for a new card), checked: the phone in
 * E.164, each handle valid for its platform, WhatsApp equal to the card's phone, labels unique.
 * What a new card shows by default: the name and the note, and every handle given; never the phone
 * (RELIABILITY.md: off until the owner turns it on) nor the email. A handle added later is shown too.
 */
export function resolveCardFields(
  input: CardInput,
  region: string,
  previous: Card | undefined,
  myCards: readonly Card[],
): CardFields {
  const label = input.label ?? previous?.label ?? '';
  const clash = myCards.find(
    (card) => card.id !== previous?.id && card.label.toLowerCase() === label.toLowerCase(),
  );
  if (clash) {
    throw new DomainError(
      'invalid-input',
      `you have a card labelled '${clash.label}' already: choose another label`,
      'label',
    );
  }
  const phone = input.phone === undefined ? (previous?.phone ?? null) : readPhone(input.phone, region);
  const handles =
    input.handles === undefined
      ? rederiveWhatsApp(previous?.handles ?? [], phone)
      : input.handles.map((entry, index) => readHandle(entry, index, phone, region, input.handles ?? []));
  const platforms = handles.map((handle) => handle.platform);
  const previousPlatforms = previous?.handles.map((handle) => handle.platform) ?? [];
  const base: CardShows = previous?.shows ?? {
    name: true,
    phone: false,
    email: false,
    note: true,
    handles: [],
  };
  const added = platforms.filter((platform) => !previousPlatforms.includes(platform));
  input.shows?.handles?.forEach((platform, index) => {
    if (!platforms.includes(platform)) {
      throw new DomainError(
        'invalid-input',
        `shows.handles: this card has no ${SOCIAL_PLATFORMS[platform].label} handle: add it to handles first`,
        `shows.handles.${index}`,
      );
    }
  });
  const shownPlatforms = input.shows?.handles ?? [...base.handles, ...added];
  const fields: CardFields = {
    label,
    name: pick(input.name, previous?.name),
    phone,
    email: pick(input.email, previous?.email),
    note: pick(input.note, previous?.note),
    handles,
    shows: {
      name: input.shows?.name ?? base.name,
      phone: input.shows?.phone ?? base.phone,
      email: input.shows?.email ?? base.email,
      note: input.shows?.note ?? base.note,
      handles: platforms.filter((platform) => shownPlatforms.includes(platform)),
    },
  };
  checkQrSize(fields);
  return fields;
}

/**
 * The most a card may hold, as its offline QR payload (either format) with every field shown: about a
 * version 26 code (121 modules), which a phone still reads from a screen. Far below it in practice:
 * a full card with a short note is about 250 bytes.
 */
export const MAX_QR_BYTES = 1024;

function checkQrSize(fields: CardFields): void {
  const platforms = fields.handles.map((handle) => handle.platform);
  const everything = {
    ...fields,
    shows: { name: true, phone: true, email: true, note: true, handles: platforms },
  };
  const bytes = Math.max(
    ...(['vcard', 'mecard'] as const).map(
      (format) => new TextEncoder().encode(cardQrPayload(everything, format)).length,
    ),
  );
  if (bytes <= MAX_QR_BYTES) return;
  const longest = (['note', 'name', 'email'] as const).reduce((a, b) =>
    (fields[b]?.length ?? 0) > (fields[a]?.length ?? 0) ? b : a,
  );
  throw new DomainError(
    'invalid-input',
    `this card is too long for a QR code a phone can read (${bytes} of ${MAX_QR_BYTES} bytes): shorten the ${longest}`,
    longest,
  );
}

function pick(value: string | null | undefined, previous: string | null | undefined): string | null {
  return value === undefined ? (previous ?? null) : value || null;
}

function readPhone(text: string | null, region: string): string | null {
  if (text === null || text === '') return null;
  const e164 = toE164(text, region);
  if (!e164) {
    throw new DomainError(
      'invalid-input',
      `phone '${text}' is not a valid number: include the country code, e.g. +49 170 1234567`,
      'phone',
    );
  }
  return e164;
}

function readHandle(
  entry: { platform: SocialPlatform; handle?: string | undefined },
  index: number,
  phone: string | null,
  region: string,
  all: readonly { platform: SocialPlatform }[],
): CardHandle {
  const rule = SOCIAL_PLATFORMS[entry.platform];
  if (all.findIndex((other) => other.platform === entry.platform) !== index) {
    throw new DomainError(
      'invalid-input',
      `one ${rule.label} handle per card: make another card for a second one`,
      `handles.${index}.platform`,
    );
  }
  if (entry.platform === 'whatsapp') {
    if (phone && splitPhoneExtension(phone).extension !== undefined) {
      throw new DomainError(
        'invalid-input',
        "WhatsApp cannot reach an extension: leave WhatsApp off this card, or give the card's phone without one",
        `handles.${index}.platform`,
      );
    }
    // WhatsApp goes by the phone number: it is the card's phone, or nothing
    const given = entry.handle ? toE164(entry.handle, region) : phone;
    if (!phone || given !== phone) {
      throw new DomainError(
        'invalid-input',
        phone
          ? "WhatsApp goes by this card's phone number: leave out handle, or give the same number"
          : "WhatsApp goes by this card's phone number: add a phone to the card first",
        `handles.${index}.handle`,
      );
    }
    return { platform: 'whatsapp', handle: phone };
  }
  if (!entry.handle) {
    throw new DomainError(
      'invalid-input',
      `give the ${rule.label} handle, e.g. ${rule.example}`,
      `handles.${index}.handle`,
    );
  }
  const parsed = parseSocialHandle(entry.platform, entry.handle);
  if (!parsed.ok) {
    throw new DomainError(
      'invalid-input',
      parsed.problems[0]?.message ?? 'invalid handle',
      `handles.${index}.handle`,
    );
  }
  return parsed.value;
}

/** Kept handles follow a changed phone: WhatsApp takes the new number, and leaves with the phone. */
function rederiveWhatsApp(handles: readonly CardHandle[], phone: string | null): CardHandle[] {
  return handles.flatMap((handle) =>
    handle.platform !== 'whatsapp' ? [handle] : phone ? [{ platform: 'whatsapp', handle: phone }] : [],
  );
}
