import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function PersonScreen(_props: ScreenProps) {
  return (
    <Page title="Person">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
