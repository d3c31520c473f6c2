import type { OutcomeSummary } from '@rapport/core';
import { api } from '../api.ts';
import type { EncounterOutcome } from './insights-timeline.ts';

/** The largest page GET /api/encounters gives. */
const PAGE_SIZE = 200;
/** Enough for years of asks; beyond it the timeline shows the most recent ones. */
const MAX_ENCOUNTERS = 2000;

export interface InsightsData {
  summary: OutcomeSummary;
  /** Newest first, as the server lists them. */
  encounters: EncounterOutcome[];
}

/** My outcomes summed up by the server, and my encounters for the timeline (which the summary has no dates for). */
export async function loadInsights(): Promise<InsightsData> {
  const [summary, encounters] = await Promise.all([
    api<OutcomeSummary>('GET', '/api/insights'),
    loadEncounters(),
  ]);
  return { summary, encounters };
}

async function loadEncounters(): Promise<EncounterOutcome[]> {
  const all: EncounterOutcome[] = [];
  for (let offset = 0; offset < MAX_ENCOUNTERS; offset += PAGE_SIZE) {
    const page = await api<{ encounters: EncounterOutcome[] }>(
      'GET',
      `/api/encounters?limit=${PAGE_SIZE}&offset=${offset}`,
    );
    all.push(...page.encounters);
    if (page.encounters.length < PAGE_SIZE) break;
  }
  return all;
}
