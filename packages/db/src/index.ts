export type { Account, AccountSettings } from './account-store.ts';
export type { AccountId, ApiTokenId, EncounterId, MessageId, PersonId, ReminderId } from './ids.ts';
export { migrateStore, openStore, type StoreConfig, StoreSetupError } from './open-store.ts';
export type { AskStatus, ConsentKind, Handle, Person, PersonFields, PersonWrite } from './people-store.ts';
export type { Store, Stores } from './store.ts';
export type * from './timeline-stores.ts';
