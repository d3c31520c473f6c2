import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function PracticeScreen(_props: ScreenProps) {
  return (
    <Page title="Practice">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
