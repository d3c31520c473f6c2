import type { ScreenModule } from './screen.ts';

export interface Route {
  pattern: string;
  title: string;
  load: () => Promise<ScreenModule>;
  /** Works without an account or a server (advice from @rapport/core): open even when signed out. */
  local?: boolean;
}

/** Every screen of the app. Each is its own chunk, so the first load carries only the shell and one screen. */
export const ROUTES: readonly Route[] = [
  { pattern: '/', title: 'Today', load: () => import('./screens/today-screen.tsx') },
  { pattern: '/welcome', title: 'Welcome', load: () => import('./screens/welcome-screen.tsx'), local: true },
  { pattern: '/moment', title: 'Moment', load: () => import('./screens/moment-screen.tsx'), local: true },
  { pattern: '/ask', title: 'Ask', load: () => import('./screens/ask-screen.tsx'), local: true },
  { pattern: '/card', title: 'My card', load: () => import('./screens/card-screen.tsx') },
  { pattern: '/people', title: 'People', load: () => import('./screens/people-screen.tsx') },
  { pattern: '/people/:id', title: 'Person', load: () => import('./screens/person-screen.tsx') },
  { pattern: '/compose', title: 'Compose', load: () => import('./screens/compose-screen.tsx'), local: true },
  { pattern: '/outcome/:id', title: 'Outcome', load: () => import('./screens/outcome-screen.tsx') },
  { pattern: '/insights', title: 'Insights', load: () => import('./screens/insights-screen.tsx') },
  {
    pattern: '/practice',
    title: 'Practice',
    load: () => import('./screens/practice-screen.tsx'),
    local: true,
  },
  { pattern: '/settings', title: 'Settings', load: () => import('./screens/settings-screen.tsx') },
  { pattern: '/more', title: 'More', load: () => import('./screens/more-screen.tsx'), local: true },
];
