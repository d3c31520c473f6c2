import { useEffect, useState } from 'preact/hooks';

/** The time now, re-rendering every `everyMs`, so a running timer and time-based advice stay current. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
