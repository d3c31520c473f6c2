import { useId, useMemo } from 'preact/hooks';
import { listPhoneRegions, listTimeZones } from '../data/settings-phone-regions.ts';
import { Field } from './field.tsx';
import './settings-forms.css';

/** The server takes at most 16 quiet hours a day, so the day keeps room to text. */
const MAX_QUIET_MINUTES = 16 * 60;

/** Quiet hours as the server reads them: "22:00-08:00". */
export function formatQuietHours(start: string, end: string): string {
  return `${start}-${end}`;
}

/** The same checks the server makes, said before a round trip; undefined when fine. */
export function checkQuietHours(start: string, end: string): string | undefined {
  const from = toMinutes(start);
  const until = toMinutes(end);
  if (from === undefined || until === undefined) return 'Give both times, e.g. 22:00 and 08:00.';
  if (from === until) return 'Quiet hours need to start and end at different times.';
  const length = (until - from + 24 * 60) % (24 * 60);
  if (length > MAX_QUIET_MINUTES)
    return 'Quiet hours can cover at most 16 hours, so the day keeps time to text.';
  return undefined;
}

/** Whether the browser knows this IANA time zone: the same list the server checks against, near enough. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false; // RangeError: not a time zone
  }
}

const FRIENDLY_MESSAGES: Record<string, string> = {
  email: 'Enter your email address, e.g. alex@example.org.',
  timeZone: 'That is not a time zone we know: pick one from the list, e.g. Europe/Berlin.',
  phoneRegion: 'Pick your country from the list.',
};

/**
 * A server message for one of these fields, in the form's words: the server names fields as the API
 * does ("timeZone: timeZone must be an IANA time zone"), which is right for scripts, not for people.
 */
export function accountFieldMessage(field: string, serverMessage: string): string {
  return FRIENDLY_MESSAGES[field] ?? serverMessage.replace(new RegExp(`^${field}: `), '');
}

function toMinutes(time: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

export function RegionSelect(props: {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const regions = useMemo(() => listPhoneRegions(), []);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>Phone region</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {regions.map((region) => (
          <option key={region.code} value={region.code}>
            {region.name}
          </option>
        ))}
      </select>
      <p class="hint" id={`${id}-hint`}>
        Numbers typed without a country code are read as from here.
      </p>
      {props.error && (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function TimeZoneField(props: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
}) {
  const listId = useId();
  const zones = useMemo(() => listTimeZones(), []);
  return (
    <>
      <Field
        label="Time zone"
        value={props.value}
        list={listId}
        autocomplete="off"
        spellcheck={false}
        required
        error={props.error}
        hint="Found from this device; change it if it is wrong, e.g. Europe/Berlin."
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

export function QuietHoursField(props: {
  start: string;
  end: string;
  onChange: (start: string, end: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset
      class={props.error ? 'field quiet-hours field--error' : 'field quiet-hours'}
      aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
    >
      <legend>Quiet hours</legend>
      <div class="quiet-hours__times">
        <label>
          From
          <input
            type="time"
            required
            value={props.start}
            aria-invalid={props.error ? true : undefined}
            onInput={(event) => props.onChange(event.currentTarget.value, props.end)}
          />
        </label>
        <label>
          Until
          <input
            type="time"
            required
            value={props.end}
            aria-invalid={props.error ? true : undefined}
            onInput={(event) => props.onChange(props.start, event.currentTarget.value)}
          />
        </label>
      </div>
      <p class="hint" id={`${id}-hint`}>
        Rapport never suggests texting anyone in these hours.
      </p>
      {props.error && (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
