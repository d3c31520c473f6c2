import { useState } from 'preact/hooks';
import { changePassword } from '../data/account-api.ts';
import { Field, FormError } from './field.tsx';
import { useFormErrors } from './use-form-errors.ts';

const MIN_PASSWORD = 10;
const FIELDS = ['currentPassword', 'newPassword'] as const;
/** The server names the field first ("newPassword: use at least…"); beside the field that is said already. */
const withoutField = (message: string | undefined) => message?.replace(/^\w+: /, '');

/** Changes my password; every other session and API token ends, this one stays signed in. */
export function SettingsPassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  const submit = async (event: Event) => {
    event.preventDefault();
    errors.clear();
    setDone(false);
    const short = next.length < MIN_PASSWORD;
    setProblem(short ? `Use at least ${MIN_PASSWORD} characters (${next.length} so far).` : undefined);
    if (short) return;
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (caught: unknown) {
      errors.show(caught, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="password" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p>Changing it signs out every other device and revokes every API token; you stay signed in here.</p>
      <form onSubmit={submit} noValidate>
        <Field
          label="Current password"
          type="password"
          autocomplete="current-password"
          value={current}
          error={withoutField(errors.field('currentPassword'))}
          onInput={(event) => setCurrent(event.currentTarget.value)}
        />
        <Field
          label="New password"
          type="password"
          autocomplete="new-password"
          value={next}
          hint="At least 10 characters, not a common password. A few unrelated words work well."
          error={problem ?? withoutField(errors.field('newPassword'))}
          onInput={(event) => setNext(event.currentTarget.value)}
        />
        <FormError message={errors.form} />
        {done && (
          <p class="copy-status" role="status">
            Password changed. Every other session and API token has ended.
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
