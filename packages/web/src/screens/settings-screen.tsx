import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function SettingsScreen(_props: ScreenProps) {
  return (
    <Page title="Settings">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
