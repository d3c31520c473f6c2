import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

export default function PeopleScreen(_props: ScreenProps) {
  return (
    <Page title="People">
      <p class="muted">Coming soon.</p>
    </Page>
  );
}
