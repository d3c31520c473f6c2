/** Ids that are easy to mix up are branded, so a PersonId cannot be passed where an EncounterId goes. */
export type AccountId = string & { readonly __brand: 'AccountId' };
export type PersonId = string & { readonly __brand: 'PersonId' };
export type EncounterId = string & { readonly __brand: 'EncounterId' };
export type MessageId = string & { readonly __brand: 'MessageId' };
export type ReminderId = string & { readonly __brand: 'ReminderId' };
export type ApiTokenId = string & { readonly __brand: 'ApiTokenId' };
export type CardId = string & { readonly __brand: 'CardId' };
export type ExchangeLinkId = string & { readonly __brand: 'ExchangeLinkId' };
