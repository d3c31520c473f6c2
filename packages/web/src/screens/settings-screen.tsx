import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api.ts';
import { navigate } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { forgetSession, signOut, useAccount } from '../session.ts';
import { FormError } from '../ui/field.tsx';
import { ImportVcfForm } from '../ui/import-vcf-form.tsx';
import { Page } from '../ui/page.tsx';
import { SettingsAccountForm } from '../ui/settings-account-form.tsx';
import { SettingsApiTokens } from '../ui/settings-api-tokens.tsx';
import { SettingsCalendarFeed } from '../ui/settings-calendar-feed.tsx';
import { SettingsCards } from '../ui/settings-cards.tsx';
import { SettingsDeleteAccount } from '../ui/settings-delete-account.tsx';
import { SettingsPassword } from '../ui/settings-password.tsx';
import './settings-screen.css';

const SECTIONS = [
  { id: 'cards', label: 'Cards' },
  { id: 'about', label: 'About me' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'password', label: 'Password' },
  { id: 'tokens', label: 'API tokens' },
  { id: 'import', label: 'Import' },
  { id: 'export', label: 'Export' },
  { id: 'delete', label: 'Delete everything' },
];

/** My cards, about me, calendar feed, password, API tokens, import, export, sign out and delete everything. */
export default function SettingsScreen(_props: ScreenProps) {
  const account = useAccount();
  const [signOutError, setSignOutError] = useState<string>();
  // Arriving from another screen at /settings#cards: the router scrolls to the top, so go to the section.
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);

  const leave = async (everywhere: boolean) => {
    setSignOutError(undefined);
    try {
      await signOut(everywhere);
      forgetSession();
      navigate('/welcome', { replace: true });
    } catch (error: unknown) {
      setSignOutError(describeError(error));
    }
  };

  return (
    <Page title="Settings">
      <p class="muted">Signed in as {account.email}.</p>
      <nav aria-label="Settings sections">
        <ul class="settings-sections">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SettingsCards myName={account.settings.name} />
      <SettingsAccountForm account={account} />
      <SettingsCalendarFeed />
      <SettingsPassword />
      <SettingsApiTokens />
      <ImportVcfForm />
      <section id="export" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p>Your data is yours: take all of it, or just your people for another address book.</p>
        <div class="actions">
          <a class="button secondary" href="/api/export" download>
            Everything (.json)
          </a>
          <a class="button secondary" href="/api/export/people.vcf" download>
            My people (.vcf)
          </a>
        </div>
      </section>
      <section aria-labelledby="sign-out-heading">
        <h2 id="sign-out-heading">Sign out</h2>
        <p>
          Signing out keeps your account and everything in it. Signing out everywhere also ends your sessions
          on every other device and revokes every API token.
        </p>
        <FormError message={signOutError} />
        <div class="actions">
          <button type="button" class="secondary" onClick={() => leave(false)}>
            Sign out
          </button>
          <button type="button" class="secondary" onClick={() => leave(true)}>
            Sign out everywhere
          </button>
        </div>
      </section>
      <SettingsDeleteAccount />
    </Page>
  );
}
