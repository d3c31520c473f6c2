import { api } from '../api.ts';
import {
  type Block,
  type Encounter,
  fetchEncountersWith,
  fetchMessages,
  fetchPerson,
  fetchPlan,
  type Message,
  type Person,
  type Plan,
} from './person-api.ts';

/** Everything the person screen shows, read in parallel. */
export interface PersonPage {
  person: Person;
  messages: Message[];
  plan: Plan;
  encounters: Encounter[];
  block: Block | undefined;
}

export async function fetchPersonPage(id: string): Promise<PersonPage> {
  const [person, messages, plan, encounters, blocks] = await Promise.all([
    fetchPerson(id),
    fetchMessages(id),
    fetchPlan(id),
    fetchEncountersWith(id),
    api<{ blocks: Block[] }>('GET', '/api/blocks'),
  ]);
  return { person, messages, plan, encounters, block: blocks.blocks.find((block) => block.personId === id) };
}

/** The plan's status in words. */
export const PLAN_STATUS_WORDS: Readonly<Record<Plan['status'], string>> = {
  active: 'Keeping in touch',
  paused: 'Paused: waiting for their reply',
  stopped: 'Stopped: no more reminders',
  'meetup-planned': 'Meetup planned',
  declined: 'They said no: nothing is planned',
};
