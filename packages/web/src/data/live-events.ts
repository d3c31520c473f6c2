/**
 * Live events for the signed-in owner: `useLiveEvents(onEvent, options?)` keeps an EventSource on
 * GET /api/events open while the calling screen is shown, and closes it when the screen goes.
 *
 *   const status = useLiveEvents((event) => {
 *     if (event.type === 'shared-back') show(`${event.message}`, `/people/${event.personId}`);
 *     if (event.type === 'link-declined') show('Your link was declined');
 *   }, { onReconnect: reload });
 *
 * - `onEvent` receives each event as a typed `LiveEvent` (see the union below). It may change on
 *   every render: the latest one is called, and the stream is not reopened for it.
 * - Events are not replayed: when the stream comes back after a drop, `onReconnect` is called so the
 *   screen reads the API again for anything it missed. It is not called for the first opening.
 * - The answer is the stream's status: `connecting`, `open`, `reconnecting` (the browser retries on
 *   its own, every 5 s as the server asks) or `closed` (signed out, or no EventSource here). A screen
 *   may say "live updates paused" for anything but `open`; nothing else needs handling.
 * - Add a new server event by adding its type to `LiveEvent` and `LIVE_EVENT_TYPES`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

/** Someone shared their number (or a handle) back through one of my exchange links. */
export interface SharedBackEvent {
  type: 'shared-back';
  personId: string;
  name: string;
  /** Ready to show, e.g. "Jordan shared their number". */
  message: string;
}

/**
 * Someone shared back with the number or handle of someone already in my people: it waits for my
 * review ("same number as Dana: merge?") and changed nothing of theirs.
 */
export interface ShareBackReviewEvent {
  type: 'shared-back-review';
  reviewId: string;
  name: string;
  message: string;
}

/** Someone pressed "Not now" on one of my links. It never says who. */
export interface LinkDeclinedEvent {
  type: 'link-declined';
  linkId: string;
}

export type LiveEvent = SharedBackEvent | ShareBackReviewEvent | LinkDeclinedEvent;

export const LIVE_EVENT_TYPES: readonly LiveEvent['type'][] = [
  'shared-back',
  'shared-back-review',
  'link-declined',
];

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveEventOptions {
  /** Called when the stream opens again after a drop: read the API for what was missed. */
  onReconnect?: () => void;
}

const EVENTS_PATH = '/api/events';

export function useLiveEvents(
  onEvent: (event: LiveEvent) => void,
  options: LiveEventOptions = {},
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // The latest callbacks, so a re-render does not close and reopen the stream.
  const handlers = useRef({ onEvent, onReconnect: options.onReconnect });
  handlers.current = { onEvent, onReconnect: options.onReconnect };

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('closed');
      return;
    }
    const source = new EventSource(EVENTS_PATH, { withCredentials: true });
    let openedBefore = false;
    source.onopen = () => {
      setStatus('open');
      if (openedBefore) handlers.current.onReconnect?.();
      openedBefore = true;
    };
    source.onerror = () => {
      // CLOSED: the server refused the stream (signed out); the browser will not retry.
      setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    const listeners = LIVE_EVENT_TYPES.map((type) => {
      const listener = (message: MessageEvent<string>) => {
        const event = parseEvent(type, message.data);
        if (event) handlers.current.onEvent(event);
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, []);

  return status;
}

/** The event's data as sent, checked just enough that a screen can rely on its fields. */
function parseEvent(type: LiveEvent['type'], data: string): LiveEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined; // not JSON: not an event this app knows how to show
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (type === 'shared-back' && typeof fields.personId === 'string' && typeof fields.name === 'string') {
    const message = typeof fields.message === 'string' ? fields.message : `${fields.name} shared back`;
    return { type, personId: fields.personId, name: fields.name, message };
  }
  if (
    type === 'shared-back-review' &&
    typeof fields.reviewId === 'string' &&
    typeof fields.name === 'string'
  ) {
    const message = typeof fields.message === 'string' ? fields.message : `${fields.name} shared back`;
    return { type, reviewId: fields.reviewId, name: fields.name, message };
  }
  if (type === 'link-declined' && typeof fields.linkId === 'string') return { type, linkId: fields.linkId };
  return undefined;
}
