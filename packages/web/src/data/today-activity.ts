import { api } from '../api.ts';
import { fetchPerson } from './person-api.ts';

/** An exchange link as GET /api/links lists it. */
export interface ExchangeLinkSummary {
  id: string;
  cardId: string;
  cardLabel: string;
  oneTime: boolean;
  state: 'active' | 'expired' | 'shared-back' | 'declined' | 'revoked';
  createdAt: string;
  viewed: boolean;
  sharedBack: number;
  declined: number;
  /** Who shared back through it last. */
  personId: string | null;
}

/** An introduction as GET /api/intros lists it: whether it happened, never who said no. */
export interface IntroductionSummary {
  id: string;
  a: string;
  b: string;
  state: 'pending' | 'completed' | 'not-completed';
  createdAt: string;
  completedAt: string | null;
}

/** One line of recent activity: what happened, in words, and where to look. */
export interface ActivityItem {
  id: string;
  at: string;
  what: string;
  /** The state in one or two words: "declined", "completed", "not completed", … */
  state: string;
  tone: 'ok' | 'wait' | 'muted';
  href?: string;
}

const SHOWN = 10;

/** My latest exchange links and introductions, newest first, with the names of the people in them. */
export async function fetchRecentActivity(): Promise<ActivityItem[]> {
  const [{ links }, { intros }] = await Promise.all([
    api<{ links: ExchangeLinkSummary[] }>('GET', '/api/links'),
    api<{ intros: IntroductionSummary[] }>('GET', `/api/intros?limit=${SHOWN}`),
  ]);
  const latest = [
    ...links.slice(0, SHOWN).map((link) => ({ at: link.createdAt, link })),
    ...intros.map((intro) => ({ at: intro.createdAt, intro })),
  ]
    .sort((first, second) => second.at.localeCompare(first.at))
    .slice(0, SHOWN);
  const ids = new Set<string>();
  for (const item of latest) {
    if ('link' in item && item.link.personId) ids.add(item.link.personId);
    if ('intro' in item) {
      ids.add(item.intro.a);
      ids.add(item.intro.b);
    }
  }
  const names = await namesOf([...ids]);
  return latest.map((item) =>
    'link' in item ? describeLink(item.link, names) : describeIntro(item.intro, names),
  );
}

/** Names by id; someone deleted since shows as "someone you deleted" rather than failing the list. */
async function namesOf(ids: string[]): Promise<Map<string, string>> {
  const found = await Promise.all(
    ids.map((id) =>
      fetchPerson(id).then(
        (person) => [id, person.name] as const,
        () => [id, 'someone no longer in your people'] as const,
      ),
    ),
  );
  return new Map(found);
}

function describeLink(link: ExchangeLinkSummary, names: Map<string, string>): ActivityItem {
  const base = { id: `link-${link.id}`, at: link.createdAt };
  const card = `your “${link.cardLabel}” link`;
  const sharer = link.personId ? names.get(link.personId) : undefined;
  switch (link.state) {
    case 'shared-back':
      return {
        ...base,
        what: `${sharer ?? 'Someone'} shared back through ${card}`,
        state: 'shared back',
        tone: 'ok',
        ...(link.personId ? { href: `/people/${encodeURIComponent(link.personId)}` } : {}),
      };
    case 'declined':
      return { ...base, what: capitalize(card), state: 'declined', tone: 'muted' };
    case 'expired':
      return { ...base, what: capitalize(card), state: 'expired', tone: 'muted' };
    case 'revoked':
      return { ...base, what: capitalize(card), state: 'switched off', tone: 'muted' };
    default: {
      // A link for many people stays active: say how it was answered so far.
      const answers = [
        link.sharedBack > 0 ? `${link.sharedBack} shared back` : '',
        link.declined > 0 ? `${link.declined} declined` : '',
      ].filter(Boolean);
      const state = answers.length > 0 ? answers.join(', ') : link.viewed ? 'opened' : 'not opened yet';
      return {
        ...base,
        what: capitalize(card),
        state,
        tone: 'wait',
        ...(sharer && link.personId ? { href: `/people/${encodeURIComponent(link.personId)}` } : {}),
      };
    }
  }
}

function describeIntro(intro: IntroductionSummary, names: Map<string, string>): ActivityItem {
  const what = `Introduction of ${names.get(intro.a) ?? 'one of your people'} and ${names.get(intro.b) ?? 'another'}`;
  const base = { id: `intro-${intro.id}`, at: intro.completedAt ?? intro.createdAt, what };
  if (intro.state === 'completed') return { ...base, state: 'completed', tone: 'ok' };
  if (intro.state === 'not-completed') return { ...base, state: 'not completed', tone: 'muted' };
  return { ...base, state: 'waiting for answers', tone: 'wait' };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
