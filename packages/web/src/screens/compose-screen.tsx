import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function ComposeScreen(_props: ScreenProps) {
  return (
    <Page title="Compose">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
