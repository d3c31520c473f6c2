import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function OutcomeScreen(_props: ScreenProps) {
  return (
    <Page title="Outcome">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
