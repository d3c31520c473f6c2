import { useEffect, useState } from 'preact/hooks';
import type { Card } from '../data/card-api.ts';
import { Link, navigate } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { type Account, setAccount, useSession } from '../session.ts';
import { CardEditor } from '../ui/card-editor.tsx';
import { newCardDraft } from '../ui/card-editor-state.ts';
import { Page } from '../ui/page.tsx';
import { WelcomeSignInForm } from '../ui/welcome-sign-in-form.tsx';
import { type SignUpResult, WelcomeSignUpForm } from '../ui/welcome-sign-up-form.tsx';
import './welcome-screen.css';

type Step = { kind: 'account' } | { kind: 'card'; account: Account };

/**
 * First run: create the account, then the first card (what I may show someone I meet), then Today.
 * `/welcome?sign-in` is the way back in for someone who has an account already.
 */
export default function WelcomeScreen(props: ScreenProps) {
  const session = useSession();
  const [step, setStep] = useState<Step>({ kind: 'account' });
  const [signIn, setSignIn] = useState<{ email: string; notice: string } | undefined>();
  const wantsSignIn = props.query.has('sign-in') || signIn !== undefined;

  // Already signed in and not in the middle of first run: nothing to do here.
  useEffect(() => {
    if (session.state === 'signed-in' && step.kind === 'account') navigate('/', { replace: true });
  }, [session.state, step.kind]);

  const signedUp = (result: SignUpResult) => {
    if (result.kind === 'sign-in') {
      setSignIn({ email: result.email, notice: result.message });
      navigate('/welcome?sign-in');
      return;
    }
    setStep({ kind: 'card', account: result.account });
    setAccount(result.account);
  };

  if (step.kind === 'card') {
    const name = step.account.settings.name;
    return (
      <Page title="Your first card">
        <p>
          A card is what you may show someone you meet: they scan it, or open a link to it. You choose what it
          shows; your phone number stays hidden until you turn it on.
        </p>
        <CardEditor
          initial={newCardDraft({ label: 'Everyday', name })}
          submitLabel="Save my card"
          onSaved={(_card: Card) => navigate('/')}
        >
          <button type="button" class="secondary" onClick={() => navigate('/')}>
            Skip for now
          </button>
        </CardEditor>
      </Page>
    );
  }

  if (wantsSignIn) {
    return (
      <Page title="Sign in">
        {signIn && (
          <p class="welcome__notice" role="status">
            {signIn.notice}
          </p>
        )}
        <WelcomeSignInForm
          initialEmail={signIn?.email}
          onSignedIn={(account) => {
            setAccount(account);
            navigate('/');
          }}
        />
        <p>
          New here?{' '}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setSignIn(undefined);
              navigate('/welcome');
            }}
          >
            Create an account
          </button>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Welcome to Rapport">
      <p class="welcome__lead">
        From “I just met someone interesting” to “we keep in touch”, at a pace that feels right to both of
        you.
      </p>
      <ul class="welcome__promises">
        <li>Nobody's number is kept unless they chose to give it.</li>
        <li>Every suggestion says why it is made.</li>
        <li>Your advice runs on your own device and server; nothing you write goes to anyone else.</li>
      </ul>
      <p>
        <Link href="/welcome?sign-in" class="button secondary welcome__switch">
          I already have an account
        </Link>
      </p>
      <h2>Create your account</h2>
      <WelcomeSignUpForm onDone={signedUp} />
    </Page>
  );
}
