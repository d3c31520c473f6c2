import { useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api.ts';
import { type Account, setAccount } from '../session.ts';
import { Field, FormError } from './field.tsx';
import {
  accountFieldMessage,
  checkQuietHours,
  formatQuietHours,
  isKnownTimeZone,
  QuietHoursField,
  RegionSelect,
  TimeZoneField,
} from './settings-account-fields.tsx';

const FIELDS = ['name', 'phoneRegion', 'timeZone', 'quietHours', 'firstTextDelayHours'] as const;
type SettingsField = (typeof FIELDS)[number];

/** My name, phone region, time zone, quiet hours and first-text delay (PATCH /api/settings). */
export function SettingsAccountForm(props: { account: Account }) {
  const { settings } = props.account;
  const [name, setName] = useState(settings.name ?? '');
  const [phoneRegion, setPhoneRegion] = useState(settings.phoneRegion);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [quiet, setQuiet] = useState(settings.quietHours);
  const [delay, setDelay] = useState(String(settings.firstTextDelayHours));
  const [problems, setProblems] = useState<Partial<Record<SettingsField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setFormError(undefined);
    const found: Partial<Record<SettingsField, string>> = {};
    const hours = Number(delay);
    if (delay.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > 48)
      found.firstTextDelayHours = 'Give a number of hours from 0 to 48, e.g. 3.';
    const quietProblem = checkQuietHours(quiet.start, quiet.end);
    if (quietProblem) found.quietHours = quietProblem;
    if (!isKnownTimeZone(timeZone.trim()))
      found.timeZone = 'That is not a time zone we know: pick one from the list, e.g. Europe/Berlin.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const { account } = await api<{ account: Account }>('PATCH', '/api/settings', {
        name: name.trim() === '' ? null : name.trim(),
        phoneRegion,
        timeZone: timeZone.trim(),
        quietHours: formatQuietHours(quiet.start, quiet.end),
        firstTextDelayHours: hours,
      });
      setAccount(account);
      setSaved(true);
    } catch (error: unknown) {
      const field = error instanceof ApiError ? FIELDS.find((each) => each === error.field) : undefined;
      if (field) setProblems({ [field]: accountFieldMessage(field, describeError(error)) });
      else setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section id="about" aria-labelledby="about-heading">
      <h2 id="about-heading">About me</h2>
      <form onSubmit={submit} noValidate onInput={() => setSaved(false)}>
        <Field
          label="My name"
          autocomplete="name"
          value={name}
          maxLength={100}
          error={problems.name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <RegionSelect value={phoneRegion} onChange={setPhoneRegion} error={problems.phoneRegion} />
        <TimeZoneField value={timeZone} onChange={setTimeZone} error={problems.timeZone} />
        <QuietHoursField
          start={quiet.start}
          end={quiet.end}
          onChange={(start, end) => setQuiet({ start, end })}
          error={problems.quietHours}
        />
        <Field
          label="Wait before a first text (hours)"
          type="number"
          inputMode="decimal"
          min={0}
          max={48}
          step={0.5}
          value={delay}
          hint="After you meet someone, the first text is suggested no sooner than this: a few hours to a day feels natural."
          error={problems.firstTextDelayHours}
          onInput={(event) => setDelay(event.currentTarget.value)}
        />
        <FormError message={formError} />
        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <span class="copy-status" role="status">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
