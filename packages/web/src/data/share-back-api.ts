import { api } from '../api.ts';
import type { Person } from './person-api.ts';

/**
 * A share-back that matched someone in my people by number or handle. It changed nothing of theirs:
 * I merge it into them, add it as a new person, or dismiss it.
 */
export interface ShareBackReview {
  id: string;
  name: string;
  phone: string | null;
  phoneDisplay: string | null;
  handles: { platform: string; handle: string; url: string }[];
  note: string | null;
  sameAs: { personId: string; name: string; match: 'phone' | 'handle' } | null;
  linkId: string | null;
  createdAt: string;
}

export async function fetchShareBackReviews(): Promise<ShareBackReview[]> {
  return (await api<{ shareBacks: ShareBackReview[] }>('GET', '/api/share-backs')).shareBacks;
}

export async function mergeShareBack(id: string): Promise<Person> {
  return (await api<{ person: Person }>('POST', `/api/share-backs/${encodeURIComponent(id)}/merge`)).person;
}

export async function addShareBack(id: string): Promise<Person> {
  return (await api<{ person: Person }>('POST', `/api/share-backs/${encodeURIComponent(id)}/add`)).person;
}

export async function dismissShareBack(id: string): Promise<void> {
  await api<void>('DELETE', `/api/share-backs/${encodeURIComponent(id)}`);
}
