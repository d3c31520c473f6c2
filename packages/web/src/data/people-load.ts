import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** What a screen knows of something it reads from the server. */
export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; value: T; refreshing: boolean };

export interface LoadHandle<T> {
  loaded: Loaded<T>;
  /** Reads again (after a change, a live event, or a retry); keeps showing the old value meanwhile. */
  reload: () => void;
  /** Replaces the value in place (after a write whose answer we already have). */
  set: (update: (value: T) => T) => void;
}

/**
 * Loads once per change of `key` and on reload(). Answers that arrive late (the key changed, the
 * screen left) are dropped, so a slow reply never overwrites a newer one.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): LoadHandle<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const lastKey = useRef(key);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ticket = ++latest.current;
    // Reading the same thing again keeps it on screen; something else starts from "loading".
    const sameKey = lastKey.current === key;
    lastKey.current = key;
    setLoaded((previous) =>
      previous.state === 'ready' && sameKey ? { ...previous, refreshing: true } : { state: 'loading' },
    );
    loadRef.current().then(
      (value) => {
        if (ticket === latest.current) setLoaded({ state: 'ready', value, refreshing: false });
      },
      (error: unknown) => {
        if (ticket === latest.current) setLoaded({ state: 'failed', error });
      },
    );
    return () => {
      latest.current += 1;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((count) => count + 1), []);
  const set = useCallback((update: (value: T) => T) => {
    setLoaded((previous) =>
      previous.state === 'ready' ? { ...previous, value: update(previous.value) } : previous,
    );
  }, []);
  return { loaded, reload, set };
}
