import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function CardScreen(_props: ScreenProps) {
  return (
    <Page title="Card">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
