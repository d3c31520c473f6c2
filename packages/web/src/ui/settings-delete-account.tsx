import { useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { navigate } from '../router.tsx';
import { forgetSession } from '../session.ts';
import { Field, FormError } from './field.tsx';

/** What to type before everything goes: a whole phrase, so it cannot happen by a slip. */
export const DELETE_CONFIRMATION = 'delete everything';

/** Deletes my account and all of it at once (DELETE /api/account), after a typed confirmation. */
export function SettingsDeleteAccount() {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (typed.trim().toLowerCase() !== DELETE_CONFIRMATION) {
      setProblem(`Type “${DELETE_CONFIRMATION}” to confirm.`);
      return;
    }
    setProblem(undefined);
    setDeleting(true);
    try {
      await api('DELETE', '/api/account');
      forgetSession();
      navigate('/welcome', { replace: true });
    } catch (caught: unknown) {
      setError(describeError(caught));
      setDeleting(false);
    }
  };

  return (
    <section id="delete" aria-labelledby="delete-heading" class="settings-danger">
      <h2 id="delete-heading">Delete everything</h2>
      <p>
        Deletes your account, your cards and links, and everyone and everything you saved, at once. It cannot
        be undone; export first if you want a copy. What you already shared with others stays with them.
      </p>
      <form onSubmit={submit} noValidate>
        <Field
          label={`Type “${DELETE_CONFIRMATION}” to confirm`}
          value={typed}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          error={problem}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        <FormError message={error} />
        <div class="actions">
          <button type="submit" class="danger" disabled={deleting}>
            {deleting ? 'Deleting…' : 'Delete my account and everything in it'}
          </button>
        </div>
      </form>
    </section>
  );
}
