import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { type ApiToken, createToken, listTokens, revokeToken } from '../data/account-api.ts';
import { CardCopyButton } from './card-copy-button.tsx';
import { Field, FormError } from './field.tsx';
import { useFormErrors } from './use-form-errors.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const format = (iso: string) => dateFormat.format(new Date(iso));

/**
 * API tokens for scripts that use the API: listed by name with when they were made and last
 * used; a new one is shown once (the server keeps only a fingerprint); revoking ends it at once.
 */
export function SettingsApiTokens() {
  const [tokens, setTokens] = useState<ApiToken[]>();
  const [name, setName] = useState('');
  const [made, setMade] = useState<{ name: string; token: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const errors = useFormErrors();

  const reload = async () => {
    try {
      setTokens(await listTokens());
    } catch (caught: unknown) {
      setError(describeError(caught));
    }
  };
  useEffect(() => {
    void reload();
  }, []);

  const make = async (event: Event) => {
    event.preventDefault();
    errors.clear();
    setProblem(name.trim() === '' ? 'Give the token a name.' : undefined);
    if (name.trim() === '') return;
    setBusy(true);
    try {
      const created = await createToken(name.trim());
      setMade({ name: created.name, token: created.token });
      setName('');
      await reload();
    } catch (caught: unknown) {
      errors.show(caught, ['name']);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiToken) => {
    setError(undefined);
    try {
      await revokeToken(token.id);
      if (made?.name === token.name) setMade(undefined);
      await reload();
    } catch (caught: unknown) {
      setError(describeError(caught));
    }
  };

  return (
    <section id="tokens" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        A token lets a script use the Rapport API as you (it sends <code>Authorization: Bearer …</code>).
        Revoke one you no longer use.
      </p>
      {tokens && tokens.length === 0 && <p class="muted">No API tokens.</p>}
      {tokens && tokens.length > 0 && (
        <ul class="settings-tokens">
          {tokens.map((token) => (
            <li key={token.id} class="card settings-token">
              <div>
                <strong>{token.name}</strong>
                <p class="hint">
                  Made {format(token.createdAt)} ·{' '}
                  {token.lastUsedAt ? `last used ${format(token.lastUsedAt)}` : 'never used'}
                </p>
              </div>
              <button
                type="button"
                class="secondary"
                aria-label={`Revoke ${token.name}`}
                onClick={() => revoke(token)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {made && (
        <div class="card">
          <p>
            Your new token <strong>{made.name}</strong>:
          </p>
          <p class="settings-calendar__url" data-testid="new-token">
            {made.token}
          </p>
          <p class="hint">Copy it now: it is not shown again.</p>
          <div class="actions">
            <CardCopyButton text={made.token} label="Copy token" />
          </div>
        </div>
      )}
      <FormError message={error} />
      <form onSubmit={make} noValidate>
        <Field
          label="Token name"
          value={name}
          autocomplete="off"
          hint="What it is for, e.g. “backup script”."
          error={problem ?? errors.field('name')}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <FormError message={errors.form} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Make token
          </button>
        </div>
      </form>
    </section>
  );
}
