import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function MomentScreen(_props: ScreenProps) {
  return (
    <Page title="Moment">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
