import { useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api.ts';
import { detectTimeZone, guessPhoneRegion } from '../data/settings-phone-regions.ts';
import type { Account } from '../session.ts';
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

const MIN_PASSWORD = 10;
const FIELDS = ['email', 'password', 'name', 'phoneRegion', 'timeZone', 'quietHours'] as const;
type SignUpField = (typeof FIELDS)[number];

/** What a sign-up ended in: my account (the first one, signed in), or "now sign in" (later ones). */
export type SignUpResult =
  | { kind: 'created'; account: Account }
  | { kind: 'sign-in'; email: string; message: string };

/** Creates an account: email, password, my name, phone region, time zone and quiet hours. */
export function WelcomeSignUpForm(props: { onDone: (result: SignUpResult) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [phoneRegion, setPhoneRegion] = useState(guessPhoneRegion);
  const [timeZone, setTimeZone] = useState(detectTimeZone);
  const [quiet, setQuiet] = useState({ start: '22:00', end: '08:00' });
  const [problems, setProblems] = useState<Partial<Record<SignUpField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  const check = (): Partial<Record<SignUpField, string>> => {
    const found: Partial<Record<SignUpField, string>> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      found.email = 'Enter your email address, e.g. alex@example.org.';
    if (password.length < MIN_PASSWORD)
      found.password = `Use at least ${MIN_PASSWORD} characters (${password.length} so far). A few words together work well.`;
    if (!isKnownTimeZone(timeZone.trim()))
      found.timeZone = 'That is not a time zone we know: pick one from the list, e.g. Europe/Berlin.';
    const quietProblem = checkQuietHours(quiet.start, quiet.end);
    if (quietProblem) found.quietHours = quietProblem;
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    setFormError(undefined);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const answer = await api<{ account?: Account; message?: string }>('POST', '/api/accounts', {
        email: email.trim(),
        password,
        ...(name.trim() ? { name: name.trim() } : {}),
        phoneRegion,
        timeZone: timeZone.trim(),
        quietHours: formatQuietHours(quiet.start, quiet.end),
      });
      if (answer.account) props.onDone({ kind: 'created', account: answer.account });
      else
        props.onDone({
          kind: 'sign-in',
          email: email.trim(),
          message: 'Your account is ready if that email was not taken: sign in with it now.',
        });
    } catch (error: unknown) {
      showError(error);
    } finally {
      setSending(false);
    }
  };

  const showError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'signups-closed') {
      setFormError(
        'This Rapport server is not taking new accounts. If you already have one, sign in; otherwise ask the person who runs it to open sign-ups.',
      );
      return;
    }
    const field = error instanceof ApiError ? FIELDS.find((name) => name === error.field) : undefined;
    if (field) setProblems({ [field]: accountFieldMessage(field, describeError(error)) });
    else setFormError(describeError(error));
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create your account">
      <Field
        label="Email"
        type="email"
        autocomplete="email"
        value={email}
        required
        error={problems.email}
        onInput={(event) => setEmail(event.currentTarget.value)}
      />
      <Field
        label="Password"
        type="password"
        autocomplete="new-password"
        value={password}
        required
        minLength={MIN_PASSWORD}
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={problems.password}
        onInput={(event) => setPassword(event.currentTarget.value)}
      />
      <Field
        label="Your name"
        autocomplete="name"
        value={name}
        hint="Used to greet you and as the name on your first card."
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
      <FormError message={formError} />
      <div class="actions">
        <button type="submit" disabled={sending}>
          {sending ? 'Creating your account…' : 'Create my account'}
        </button>
      </div>
    </form>
  );
}
