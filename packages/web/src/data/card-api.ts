import type { SocialPlatform } from '@rapport/core';
import { ApiError, api, OFFLINE_MESSAGE } from '../api.ts';

/** Which of a card's fields it reveals to whoever sees it or scans it. */
export interface CardShows {
  name: boolean;
  phone: boolean;
  email: boolean;
  note: boolean;
  handles: SocialPlatform[];
}

export interface CardHandle {
  platform: SocialPlatform;
  handle: string;
  url: string;
}

/** One of my cards, as GET /api/cards answers it. */
export interface Card {
  id: string;
  label: string;
  name: string | null;
  /** E.164 */
  phone: string | null;
  /** In my region's national format. */
  phoneDisplay: string | null;
  email: string | null;
  note: string | null;
  handles: CardHandle[];
  shows: CardShows;
  /** Exactly what the card reveals: the QR code and the exchange page show these, nothing else. */
  visible: {
    name?: string;
    phone?: string;
    email?: string;
    note?: string;
    handles: CardHandle[];
  };
  createdAt: string;
  updatedAt: string;
}

/** What POST /api/cards and PATCH /api/cards/:id take: null clears a field. */
export interface CardInput {
  label: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  note: string | null;
  handles: { platform: SocialPlatform; handle?: string }[];
  shows: CardShows;
}

export type LinkState = 'active' | 'expired' | 'shared-back' | 'declined' | 'revoked';

/** One of my exchange links, as GET /api/links answers it (its address is never shown again). */
export interface ExchangeLink {
  id: string;
  cardId: string;
  cardLabel: string;
  encounterId: string | null;
  oneTime: boolean;
  state: LinkState;
  createdAt: string;
  expiresAt: string;
  viewed: boolean;
  answered: boolean;
  sharedBack: number;
  declined: number;
  personId: string | null;
}

/** A link's address: shown once, when it is made or reset (only a hash of it is kept). */
export interface LinkAddress {
  url: string;
  qrSvg: string;
  expiresAt: string;
}

const CARDS_KEY = 'rapport.cards';
const QR_KEY_PREFIX = 'rapport.card-qr.';

/**
 * My cards. The last list is kept on this device (cleared on sign-out), so My card and its offline
 * QR still open with no signal, when showing the code matters most.
 */
export async function listCards(): Promise<Card[]> {
  try {
    const { cards } = await api<{ cards: Card[] }>('GET', '/api/cards');
    remember(CARDS_KEY, JSON.stringify(cards));
    return cards;
  } catch (error) {
    const kept = recall(CARDS_KEY);
    if (error instanceof ApiError && error.code === 'offline' && kept !== undefined)
      return JSON.parse(kept) as Card[];
    throw error;
  }
}

/** The offline QR's SVG, fetched when there is a network and kept on this device for when there is not. */
export async function loadOfflineQr(cardId: string): Promise<string> {
  const key = `${QR_KEY_PREFIX}${cardId}`;
  try {
    const response = await fetch(offlineQrUrl(cardId), { credentials: 'same-origin' });
    if (!response.ok)
      throw new ApiError('unexpected', `the server answered ${response.status}`, response.status);
    const svg = await response.text();
    remember(key, svg);
    return svg;
  } catch (error) {
    const kept = recall(key);
    if (kept !== undefined) return kept;
    throw error instanceof ApiError ? error : new ApiError('offline', OFFLINE_MESSAGE, 0);
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or refused (private mode): the app works, only not offline.
  }
}

function recall(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function createCard(input: CardInput): Promise<Card> {
  return (await api<{ card: Card }>('POST', '/api/cards', input)).card;
}

export async function updateCard(id: string, input: CardInput): Promise<Card> {
  return (await api<{ card: Card }>('PATCH', `/api/cards/${encodeURIComponent(id)}`, input)).card;
}

export async function deleteCard(id: string): Promise<void> {
  await api('DELETE', `/api/cards/${encodeURIComponent(id)}`);
}

export function offlineQrUrl(cardId: string): string {
  return `/api/cards/${encodeURIComponent(cardId)}/qr.svg?mode=offline`;
}

export async function createLink(
  cardId: string,
  options: { expiresInDays: number; oneTime: boolean },
): Promise<LinkAddress & { id: string }> {
  return api('POST', `/api/cards/${encodeURIComponent(cardId)}/links`, options);
}

export async function listLinks(): Promise<ExchangeLink[]> {
  return (await api<{ links: ExchangeLink[] }>('GET', '/api/links')).links;
}

export async function resetLink(id: string): Promise<LinkAddress> {
  return api('POST', `/api/links/${encodeURIComponent(id)}/reset`);
}

export async function revokeLink(id: string): Promise<ExchangeLink> {
  return (await api<{ link: ExchangeLink }>('POST', `/api/links/${encodeURIComponent(id)}/revoke`)).link;
}

/** The server's SVG as an image address: shown with <img>, so none of its markup enters the page. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
