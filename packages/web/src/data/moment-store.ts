/**
 * The moment in progress, kept on this phone (localStorage) so the advice never waits for a network:
 * the screen changes it at once, and a queue brings the server up to date behind it when it can.
 * Signed out, nothing is queued and the moment simply stays here.
 */
import type { Cue, Phase } from '@rapport/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.ts';

export interface TappedCue {
  cue: Cue;
  /** Minutes after the start, to a tenth, as the server counts them. */
  minute: number;
}

/** A change the server has not heard of yet, in the order it was made. */
export type MomentChange =
  | { kind: 'start' }
  | { kind: 'cue'; cue: Cue; minute: number }
  | { kind: 'undo' }
  | { kind: 'phase'; phase: Phase };

export interface Moment {
  /** Tells one moment from the next, so a late answer never lands on a newer moment. */
  key: string;
  startedAt: string;
  phase: Phase;
  cues: TappedCue[];
  personId: string | null;
  /** Set once the server has the encounter. */
  encounterId: string | null;
  pending: MomentChange[];
}

/** What the server knows of the moment, said plainly on the screen. */
export type MomentSync =
  | { state: 'local' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'offline' }
  | { state: 'signed-out' }
  | { state: 'failed'; message: string };

const STORAGE_KEY = 'rapport.moment';
/** A moment older than this is over, even if no outcome was logged: the next visit starts afresh. */
const STALE_AFTER_MS = 12 * 60 * 60 * 1000;
const MAX_MINUTE = 24 * 60;

let current: Moment | undefined = readStored();
let sync: MomentSync = { state: 'local' };
const listeners = new Set<() => void>();
let flushing: Promise<void> | undefined;
/** The change being sent now: it stays first in the queue until the server has answered. */
let inFlight: MomentChange | undefined;

function readStored(): Moment | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Moment) : undefined;
  } catch {
    // Unreadable storage (private mode, a broken value) only costs the resumed moment.
    return undefined;
  }
}

function publish(next: Moment | undefined): void {
  current = next;
  try {
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // A full storage only costs resuming after a reload; the moment in memory carries on.
  }
  for (const listener of listeners) listener();
}

function setSync(next: MomentSync): void {
  sync = next;
  for (const listener of listeners) listener();
}

/** Minutes since the start, to a tenth; 0 for a start in the future. */
export function minutesSince(startedAt: string, now: number): number {
  return Math.max(0, Math.round((now - Date.parse(startedAt)) / 6_000) / 10);
}

/** The moment to resume, unless it is stale or was with someone else than `personId`. */
export function resumableMoment(now: number, personId: string | null): Moment | undefined {
  if (!current) return undefined;
  if (now - Date.parse(current.startedAt) > STALE_AFTER_MS) return undefined;
  if (personId !== null && current.personId !== personId) return undefined;
  return current;
}

export function startMoment(options: { now: number; personId: string | null }): Moment {
  const moment: Moment = {
    key: `${options.now}-${Math.random().toString(36).slice(2)}`,
    startedAt: new Date(options.now).toISOString(),
    phase: 'opening',
    cues: [],
    personId: options.personId,
    encounterId: null,
    pending: [],
  };
  setSync({ state: 'local' });
  publish(moment);
  return moment;
}

/** Whether the start can still move: only until the server has (or is about to get) the encounter. */
export function canMoveStart(moment: Moment): boolean {
  return moment.encounterId === null && !moment.pending.some((change) => change.kind === 'start');
}

/** "We have been talking for a while already": the start moves back by `minutes`. */
export function moveStartBack(minutes: number): void {
  if (!current || !canMoveStart(current)) return;
  const startedAt = new Date(Date.parse(current.startedAt) - minutes * 60_000).toISOString();
  publish({ ...current, startedAt });
}

export function tapCue(cue: Cue, now: number, record: boolean): void {
  if (!current) return;
  const minute = Math.min(MAX_MINUTE, minutesSince(current.startedAt, now));
  const cues = [...current.cues, { cue, minute }];
  change({ ...current, cues }, record ? { kind: 'cue', cue, minute } : undefined);
}

export function undoLastCue(record: boolean): void {
  if (!current || current.cues.length === 0) return;
  const cues = current.cues.slice(0, -1);
  const last = current.pending.at(-1);
  // A tap the server never heard of is simply forgotten, not sent and then undone.
  if (last?.kind === 'cue' && last !== inFlight) {
    publish({ ...current, cues, pending: current.pending.slice(0, -1) });
    return;
  }
  change({ ...current, cues }, record ? { kind: 'undo' } : undefined);
}

export function setPhase(phase: Phase, record: boolean): void {
  if (!current || current.phase === phase) return;
  change({ ...current, phase }, record ? { kind: 'phase', phase } : undefined);
}

/** Applies a change here at once, and queues it for the server (starting the encounter first). */
function change(next: Moment, queued: MomentChange | undefined): void {
  if (!queued) {
    publish(next);
    return;
  }
  const pending = [...next.pending];
  if (next.encounterId === null && !pending.some((item) => item.kind === 'start')) {
    pending.push({ kind: 'start' });
  }
  pending.push(queued);
  publish({ ...next, pending });
  void flushMoment();
}

/**
 * The encounter's id on the server, starting it there first if need be. Throws ApiError `offline`
 * (or the server's own error) when the server cannot have it now; the moment is kept either way.
 */
export async function momentOnServer(): Promise<string> {
  const moment = current;
  if (!moment) throw new ApiError('unexpected', 'There is no moment to log yet.', 0);
  if (moment.encounterId === null && !moment.pending.some((item) => item.kind === 'start')) {
    publish({ ...moment, pending: [{ kind: 'start' }, ...moment.pending] });
  }
  await flushMoment();
  const after = current;
  if (after?.key === moment.key && after.encounterId !== null && after.pending.length === 0) {
    return after.encounterId;
  }
  const status = sync;
  if (status.state === 'failed') throw new ApiError('unexpected', status.message, 0);
  if (status.state === 'signed-out') throw new ApiError('unauthenticated', 'Sign in to log it.', 401);
  throw new ApiError(
    'offline',
    'You are offline: logging the outcome needs the server. Your moment is kept on this phone; log it when you have a signal.',
    0,
  );
}

/** After the outcome is logged, the moment is over: the next visit starts a new one. */
export function finishMoment(encounterId: string): void {
  if (current?.encounterId === encounterId) {
    setSync({ state: 'local' });
    publish(undefined);
  }
}

/** Sends the queued changes one by one; stops quietly (saying why) when the server cannot be reached. */
export function flushMoment(): Promise<void> {
  flushing ??= sendPending().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function sendPending(): Promise<void> {
  for (;;) {
    const moment = current;
    const next = moment?.pending[0];
    if (!moment || !next) {
      if (moment?.encounterId) setSync({ state: 'saved' });
      return;
    }
    setSync({ state: 'saving' });
    let encounterId = moment.encounterId;
    inFlight = next;
    try {
      encounterId = await send(moment, next);
    } catch (error: unknown) {
      inFlight = undefined;
      if (error instanceof ApiError && error.code === 'offline') return setSync({ state: 'offline' });
      if (error instanceof ApiError && error.status === 401) return setSync({ state: 'signed-out' });
      // Anything else would fail the same way again: drop it (all of it, if the start failed) and say so.
      const message = error instanceof ApiError ? error.message : 'the server could not take it';
      if (current?.key === moment.key) {
        const pending = next.kind === 'start' ? [] : current.pending.filter((item) => item !== next);
        publish({ ...current, pending });
      }
      return setSync({ state: 'failed', message });
    }
    inFlight = undefined;
    if (current?.key !== moment.key) continue;
    publish({ ...current, encounterId, pending: current.pending.filter((item) => item !== next) });
  }
}

async function send(moment: Moment, change: MomentChange): Promise<string | null> {
  if (change.kind === 'start') {
    const { encounter } = await api<{ encounter: { id: string } }>('POST', '/api/encounters', {
      startedAt: moment.startedAt,
      phase: moment.phase,
      ...(moment.personId ? { personId: moment.personId } : {}),
    });
    return encounter.id;
  }
  const id = moment.encounterId;
  if (id === null) throw new ApiError('unexpected', 'the encounter was never started', 0);
  const path = `/api/encounters/${encodeURIComponent(id)}`;
  if (change.kind === 'cue') {
    await api('POST', `${path}/cues`, { cues: [{ cue: change.cue, minute: change.minute }] });
  } else if (change.kind === 'undo') {
    await api('DELETE', `${path}/cues/last`);
  } else {
    await api('PATCH', path, { phase: change.phase });
  }
  return id;
}

/** The moment and what the server knows of it, re-rendering on every change. */
export function useMoment(): { moment: Moment | undefined; sync: MomentSync } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const update = () => setVersion((version) => version + 1);
    listeners.add(update);
    // Back online: whatever waited is sent now.
    const retry = () => {
      if (current?.pending.length) void flushMoment();
    };
    window.addEventListener('online', retry);
    return () => {
      listeners.delete(update);
      window.removeEventListener('online', retry);
    };
  }, []);
  return { moment: current, sync };
}
