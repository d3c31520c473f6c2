import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api.ts';
import { useLoad } from '../data/people-load.ts';
import type { Person } from '../data/person-api.ts';
import { howWeMet } from '../data/person-consent.ts';
import { Link, navigate } from '../router.tsx';
import type { ScreenProps } from '../screen.ts';
import { Page } from '../ui/page.tsx';
import './people-screen.css';

const PAGE = 100;
/** Wait for a pause in typing before asking the server, so each keystroke is not a request. */
const SEARCH_PAUSE_MS = 200;

interface PeoplePage {
  people: Person[];
  /** True when the server may have more after these. */
  more: boolean;
}

/** My people, by name, with how we met; `?q=` searches names (kept in the address for Back). */
export default function PeopleScreen({ query }: ScreenProps) {
  const searched = query.get('q') ?? '';
  const [typed, setTyped] = useState(searched);

  useEffect(() => {
    if (typed === searched) return;
    const timer = setTimeout(() => {
      navigate(typed ? `/people?q=${encodeURIComponent(typed)}` : '/people', { replace: true });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, searched]);

  const list = useLoad(searched, () => fetchPeople(searched, 0));
  const [moreError, setMoreError] = useState<string | undefined>(undefined);
  const showMore = async (offset: number) => {
    setMoreError(undefined);
    try {
      const next = await fetchPeople(searched, offset);
      list.set((page) => ({ people: [...page.people, ...next.people], more: next.more }));
    } catch (error: unknown) {
      setMoreError(describeError(error));
    }
  };

  return (
    <Page title="People">
      <form
        class="people-search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(typed ? `/people?q=${encodeURIComponent(typed)}` : '/people', { replace: true });
        }}
      >
        <label for="people-search">Search by name</label>
        <input
          id="people-search"
          type="search"
          value={typed}
          autocomplete="off"
          maxLength={100}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
      </form>
      {list.loaded.state === 'loading' && <p class="loading">Loading your people…</p>}
      {list.loaded.state === 'failed' && (
        <div class="form-error" role="alert">
          <p>{describeError(list.loaded.error)}</p>
          <button type="button" class="secondary" onClick={list.reload}>
            Try again
          </button>
        </div>
      )}
      {list.loaded.state === 'ready' && (
        <PeopleList page={list.loaded.value} searched={searched} onMore={showMore} />
      )}
      {moreError && (
        <p class="form-error" role="alert">
          {moreError}
        </p>
      )}
    </Page>
  );
}

function PeopleList(props: { page: PeoplePage; searched: string; onMore: (offset: number) => void }) {
  const { page, searched } = props;
  if (page.people.length === 0 && searched)
    return (
      <p class="muted" role="status">
        No one whose name contains “{searched}”.
      </p>
    );
  if (page.people.length === 0)
    return (
      <div class="card people-empty">
        <p>
          <strong>No one here yet.</strong>
        </p>
        <p class="muted">
          People arrive when someone gives you their number (log it after the ask in{' '}
          <Link href="/moment">Moment</Link>), shares it back on your <Link href="/card">card’s link</Link>,
          or when you import your address book in <Link href="/settings">Settings</Link>.
        </p>
      </div>
    );
  return (
    <>
      <p class="muted" role="status">
        {searched
          ? `${page.people.length}${page.more ? '+' : ''} found`
          : `${page.people.length}${page.more ? '+' : ''} people`}
      </p>
      <ul class="list people-list">
        {page.people.map((person) => (
          <li key={person.id}>
            <Link class="people-list__item" href={`/people/${encodeURIComponent(person.id)}`}>
              <span class="people-list__name">{person.name}</span>
              <span class="people-list__met">{howWeMet(person)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {page.more && (
        <button type="button" class="secondary people-more" onClick={() => props.onMore(page.people.length)}>
          Show more
        </button>
      )}
    </>
  );
}

/** One page from `offset`; asks for one more than it shows, to know whether there are more. */
async function fetchPeople(search: string, offset: number): Promise<PeoplePage> {
  const query = new URLSearchParams({ limit: String(PAGE + 1), offset: String(offset) });
  if (search.trim()) query.set('search', search.trim());
  const { people } = await api<{ people: Person[] }>('GET', `/api/people?${query.toString()}`);
  return { people: people.slice(0, PAGE), more: people.length > PAGE };
}
