import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function WelcomeScreen(_props: ScreenProps) {
  return (
    <Page title="Welcome">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
