import { DomainError, type DomainErrorCode } from '@rapport/core';

/** The HTTP status of every domain error code: one table, checked by the compiler. */
export const STATUS_BY_CODE = {
  'invalid-input': 400,
  'scenario-not-found': 404,
  'not-found': 404,
  unauthenticated: 401,
  'phone-taken': 409,
  'email-taken': 409,
  'id-taken': 409,
  'signups-closed': 403,
  'unsupported-media-type': 415,
  'cross-site-request': 403,
  'misdirected-request': 421,
  'rate-limited': 429,
  'store-unavailable': 503,
  overloaded: 503,
} as const satisfies Record<DomainErrorCode, number>;

/** The error body every route answers: `{ "error": { "code", "message", "field"? } }`. */
export interface ErrorBody {
  error: { code: DomainErrorCode; message: string; field?: string; existingId?: string };
}

export function toErrorBody(error: DomainError, extra: { existingId?: string } = {}): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...extra,
    },
  };
}

export function notFound(what: string): DomainError {
  return new DomainError('not-found', `${what} not found`);
}
