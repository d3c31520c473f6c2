/** Dates as a person reads them, in the account's time zone (the one reminders are planned in). */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function cached(
  formats: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    } catch {
      // An unknown zone in an old cached account: the browser's own zone is the next best.
      format = new Intl.DateTimeFormat(undefined, options);
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** "Tue, 25 Nov, 14:30" */
export function formatDateTime(iso: string, timeZone: string): string {
  return cached(dateTimeFormats, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "25 November 2025" */
export function formatDay(iso: string, timeZone: string): string {
  return cached(dayFormats, timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** "in 3 hours", "yesterday", "5 minutes ago": how far a time is from now, roughly. */
export function formatFromNow(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const size = Math.abs(diff);
  if (size < MINUTE) return 'now';
  if (size < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute');
  if (size < DAY) return relative.format(Math.round(diff / HOUR), 'hour');
  return relative.format(Math.round(diff / DAY), 'day');
}
