import type { DomainErrorCode } from '@rapport/core';

/** Why a request failed: the server's error body, or `offline` when the server could not be reached. */
export class ApiError extends Error {
  readonly code: DomainErrorCode | 'offline' | 'unexpected';
  readonly status: number;
  /** The input field the server named (`phone`, `settings.timeZone`, …), to show the message beside it. */
  readonly field: string | undefined;
  readonly existingId: string | undefined;

  constructor(code: ApiError['code'], message: string, status: number, field?: string, existingId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
    this.existingId = existingId;
  }
}

export const OFFLINE_MESSAGE = 'You are offline: this needs the server. Try again when you have a signal.';

interface ErrorBody {
  error?: { code?: DomainErrorCode; message?: string; field?: string; existingId?: string };
}

/**
 * Calls the Rapport API with the session cookie. Answers the parsed JSON (or `undefined` for 204);
 * throws ApiError with the server's code, message and field, or `offline` when there is no network.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('offline', OFFLINE_MESSAGE, 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const error = (parsed as ErrorBody | undefined)?.error;
    if (response.status === 401) onUnauthenticated?.();
    throw new ApiError(
      error?.code ?? 'unexpected',
      error?.message ?? `the server answered ${response.status}`,
      response.status,
      error?.field,
      error?.existingId,
    );
  }
  return parsed as T;
}

/** Sends a raw body (a .vcf file) instead of JSON. */
export async function apiUpload<T>(path: string, body: Blob, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': contentType },
      body,
    });
  } catch {
    throw new ApiError('offline', OFFLINE_MESSAGE, 0);
  }
  const parsed = safeJson(await response.text());
  if (!response.ok) {
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new ApiError(
      error?.code ?? 'unexpected',
      error?.message ?? `the server answered ${response.status}`,
      response.status,
      error?.field,
    );
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let onUnauthenticated: (() => void) | undefined;

/** The shell registers what to do when the session has ended (show sign-in). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A person-readable sentence for any error a screen caught. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong on our side. Try again.';
}
