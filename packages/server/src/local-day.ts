/** The start of the local day that contains `instant` and of the day after it, as instants. */
export function localDayBounds(instant: Date, timeZone: string): { start: Date; end: Date } {
  const { year, month, day } = localParts(instant.getTime(), timeZone);
  return {
    start: new Date(localMidnight(year, month, day, timeZone)),
    end: new Date(localMidnight(year, month, day + 1, timeZone)),
  };
}

/**
 * The first instant of a local date (Date.UTC normalises day overflow). Midnight is tried with the
 * offsets in force half a day before and after; where a daylight-saving change skips midnight, the
 * day starts at the first instant that falls on that date.
 */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const date = new Date(wall).getUTCDate();
  const candidates = [
    wall - offsetAt(wall - HALF_DAY_MS, timeZone),
    wall - offsetAt(wall + HALF_DAY_MS, timeZone),
  ];
  const onDate = candidates.filter((time) => localParts(time, timeZone).day === date);
  return Math.min(...(onDate.length > 0 ? onDate : candidates));
}

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/** How far the zone's wall clock is ahead of UTC at `time`, in ms. */
function offsetAt(time: number, timeZone: string): number {
  const parts = localParts(time, timeZone);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(time / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(time: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      ...{ year: 'numeric', month: 'numeric', day: 'numeric' },
      ...{ hour: 'numeric', minute: 'numeric', second: 'numeric' },
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(time);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}
