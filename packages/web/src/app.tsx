import { useEffect, useState } from 'preact/hooks';
import { useOnline } from './online.ts';
import { Link, matchPath, navigate, useLocation } from './router.tsx';
import { ROUTES, type Route } from './routes.ts';
import type { ScreenModule } from './screen.ts';
import { refreshSession, useSession } from './session.ts';

const TABS = [
  { href: '/', label: 'Today' },
  { href: '/moment', label: 'Moment' },
  { href: '/people', label: 'People' },
  { href: '/card', label: 'My card' },
  { href: '/more', label: 'More' },
];

const loaded = new Map<Route, ScreenModule>();

/** The app shell: who is signed in, the tabs, and the current screen (loaded on first visit). */
export function App() {
  const session = useSession();
  const location = useLocation();
  const online = useOnline();
  useEffect(() => {
    void refreshSession();
  }, []);

  const found = findRoute(location.path);
  const signedIn = session.state === 'signed-in';
  useEffect(() => {
    if (session.state === 'signed-out' && !found?.route.local) navigate('/welcome', { replace: true });
  }, [session.state, found?.route]);
  useEffect(() => {
    document.title = found ? `${found.route.title} · Rapport` : 'Not found · Rapport';
  }, [found?.route]);

  if (session.state === 'loading') return <p class="loading">Opening Rapport…</p>;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      {!online && (
        <p class="offline-banner" role="status">
          Offline: Moment, Ask, Compose and Practice work; anything that needs the server will say so.
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {found ? (
          <ScreenLoader
            key={found.route.pattern}
            route={found.route}
            params={found.params}
            query={location.query}
          />
        ) : (
          <NotFound />
        )}
      </main>
      {signedIn && (
        <nav class="tabs" aria-label="Main">
          {TABS.map((tab) => (
            <Link
              key={tab.href}
              href={tab.href}
              aria-current={isCurrent(tab.href, location.path) ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          ))}
        </nav>
      )}
    </>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

function findRoute(path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return undefined;
}

function ScreenLoader(props: { route: Route; params: Record<string, string>; query: URLSearchParams }) {
  const [module, setModule] = useState(() => loaded.get(props.route));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (module) return;
    props.route
      .load()
      .then((next) => {
        loaded.set(props.route, next);
        setModule(next);
      })
      .catch(() => setFailed(true));
  }, [props.route]);
  if (failed)
    return (
      <section>
        <h1>{props.route.title}</h1>
        <p role="alert">
          This screen could not be loaded. If you are offline, open it once online so it is kept.
        </p>
      </section>
    );
  if (!module) return <p class="loading">Loading…</p>;
  const Screen = module.default;
  return <Screen params={props.params} query={props.query} />;
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no such page. <Link href="/">Go to Today</Link>.
      </p>
    </section>
  );
}
