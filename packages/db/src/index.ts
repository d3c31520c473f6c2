export type { Account, AccountSettings } from './account-store.ts';
export type { Block, BlockId, BlockTarget, BlockWrite } from './block-store.ts';
export type { Card, CardFields, CardHandle, CardId, CardShows, CardStore } from './card-store.ts';
export { joinHandlesWithinLimit, joinNotesWithinLimit } from './consent-gate.ts';
export type { EventChannel, OwnerEvent } from './event-channel.ts';
export type { ExchangeLink, ExchangeLinkId, ExchangeLinkState, LiveLink } from './exchange-link-store.ts';
export type { AccountId, ApiTokenId, EncounterId, MessageId, PersonId, ReminderId } from './ids.ts';
export {
  type Introduction,
  type IntroductionId,
  type IntroductionReveal,
  type IntroductionShare,
  type IntroductionSide,
  type IntroductionState,
  isIntroductionOpen,
} from './introduction.ts';
export { migrateStore, openStore, type StoreConfig, StoreSetupError } from './open-store.ts';
export type { AskStatus, ConsentKind, Handle, Person, PersonFields, PersonWrite } from './people-store.ts';
export type {
  NewShareBackReview,
  ShareBackReview,
  ShareBackReviewId,
} from './share-back-review-store.ts';
export type { Store, Stores } from './store.ts';
export type * from './timeline-stores.ts';
