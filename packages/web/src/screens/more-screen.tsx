import { Link } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';

const MORE = [
  { href: '/ask', label: 'Ask', what: 'the words for asking, with what to say if they decline' },
  { href: '/compose', label: 'Compose', what: 'write a message; the coach points out what to change' },
  { href: '/practice', label: 'Practice', what: 'scenarios to sharpen your read of a moment' },
  { href: '/insights', label: 'Insights', what: 'your asks and outcomes over time' },
  { href: '/settings', label: 'Settings', what: 'cards, quiet hours, calendar, import, export, sign out' },
];

export default function MoreScreen(_props: ScreenProps) {
  return (
    <Page title="More">
      <ul class="list">
        {MORE.map((item) => (
          <li key={item.href} class="card">
            <Link href={item.href}>{item.label}</Link>
            <p class="muted">{item.what}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
