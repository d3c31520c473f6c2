import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import type { Account } from '../session.ts';
import { Field, FormError } from './field.tsx';

/** Signs in with email and password; the server's answer for a wrong pair names neither on purpose. */
export function WelcomeSignInForm(props: { initialEmail?: string; onSignedIn: (account: Account) => void }) {
  const [email, setEmail] = useState(props.initialEmail ?? '');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: { email?: string; password?: string } = {};
    if (email.trim() === '') found.email = 'Enter the email you signed up with.';
    if (password === '') found.password = 'Enter your password.';
    setProblems(found);
    setFormError(undefined);
    if (found.email || found.password) return;
    setSending(true);
    try {
      const { account } = await api<{ account: Account }>('POST', '/api/sessions', {
        email: email.trim(),
        password,
      });
      props.onSignedIn(account);
    } catch (error: unknown) {
      setFormError(describeError(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Field
        label="Email"
        type="email"
        autocomplete="username"
        value={email}
        error={problems.email}
        onInput={(event) => setEmail(event.currentTarget.value)}
      />
      <Field
        label="Password"
        type="password"
        autocomplete="current-password"
        value={password}
        error={problems.password}
        onInput={(event) => setPassword(event.currentTarget.value)}
      />
      <FormError message={formError} />
      <div class="actions">
        <button type="submit" disabled={sending}>
          {sending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
