import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function TodayScreen(_props: ScreenProps) {
  return (
    <Page title="Today">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
