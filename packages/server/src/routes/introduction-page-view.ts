import { profileUrl, SOCIAL_PLATFORMS, type SocialPlatform } from '@rapport/core';
import type {
  Introduction,
  IntroductionReveal,
  IntroductionShare,
  IntroductionSide,
  Person,
} from '@rapport/db';
import { formatPhone } from '../phone-numbers.ts';
import type { IntroductionPageView, RevealedContact } from './render-introduction-page.ts';

/** A live introduction as one of its two people opens it. */
export interface IntroductionPage {
  introduction: Introduction;
  side: IntroductionSide;
  /** What I stored about the person holding this token. */
  self: Person;
  /** What I stored about the other one: nothing of it leaves before both said yes. */
  other: Person;
  /** My account's name. */
  introducer: string;
  timeZone: string;
  now: string;
}

/** What this page shows now: the question, the wait, or the other's chosen details. */
export function buildIntroductionView(page: IntroductionPage, token: string): IntroductionPageView {
  const { introduction, side, self, other } = page;
  const basics = {
    token,
    introducer: page.introducer,
    otherFirstName: other.name.trim().split(/\s+/)[0] ?? '',
    note: introduction.note,
    until: formatDay(introduction.expiresAt, page.timeZone),
  };
  if (introduction.state === 'completed')
    return { ...basics, kind: 'revealed', other: revealedContactOf(page) };
  if ((side === 'a' ? introduction.answerA : introduction.answerB) === 'accepted')
    return { ...basics, kind: 'waiting' };
  const offered = offeredShares(self);
  return {
    ...basics,
    kind: 'ask',
    offers: {
      phone: offered.includes('phone'),
      handlePlatforms: offered.includes('handles')
        ? self.handles.map((handle) => labelOf(handle.platform))
        : [],
    },
  };
}

/** What a person can agree to show: their name always; their phone and handles when I have them. */
export function offeredShares(person: Person): IntroductionShare[] {
  return [
    'name',
    ...(person.phone ? (['phone'] as const) : []),
    ...(person.handles.length > 0 ? (['handles'] as const) : []),
  ];
}

/** What a person shows the other when saying yes: the agreed fields, as they are at that moment. */
export function revealOf(person: Person, shares: readonly IntroductionShare[]): IntroductionReveal {
  return {
    name: person.name,
    phone: shares.includes('phone') ? person.phone : null,
    handles: shares.includes('handles')
      ? person.handles.map(({ platform, handle }) => ({ platform, handle }))
      : [],
  };
}

/**
 * The other person's details as they agreed to show them when they said yes (the snapshot kept
 * then; an introduction completed before snapshots were kept shows the agreed fields as they are).
 * Only for a completed introduction: before that, nothing here may reach a page.
 */
export function revealedContactOf(page: IntroductionPage): RevealedContact {
  const { introduction, side, other } = page;
  if (introduction.state !== 'completed') throw new Error('details are revealed only once both said yes');
  const reveal =
    (side === 'a' ? introduction.revealB : introduction.revealA) ??
    revealOf(other, (side === 'a' ? introduction.sharesB : introduction.sharesA) ?? []);
  const { phone } = reveal;
  return {
    name: reveal.name,
    // International format: the reader may live anywhere.
    phone: phone ? { e164: phone, display: formatPhone(phone, '') } : null,
    handles: reveal.handles.map((handle) => ({
      label: labelOf(handle.platform),
      handle: handle.handle,
      url: profileUrl({ platform: handle.platform as SocialPlatform, handle: handle.handle }),
    })),
  };
}

function labelOf(platform: string): string {
  return SOCIAL_PLATFORMS[platform as SocialPlatform]?.label ?? platform;
}

function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone }).format(new Date(iso));
}
