import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function AskScreen(_props: ScreenProps) {
  return (
    <Page title="Ask">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
