import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function InsightsScreen(_props: ScreenProps) {
  return (
    <Page title="Insights">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
