import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { sessionCookie } from '../testing/test-app.ts';
import { type SpawnedServer, spawnServer } from './spawn-server.ts';

// The long suite (RELIABILITY.md: hundreds of cycles) runs when RAPPORT_LONG_TESTS is set.
const IS_LONG = Boolean(process.env.RAPPORT_LONG_TESTS);
const CYCLES = IS_LONG ? 300 : 3;
const WRITERS = 4;
const CONSENT_KINDS = ['told-me-and-agreed', 'shared-via-link', 'introduced', 'imported'];
const E164 = /^\+[1-9]\d{6,14}$/;

/** What a writer posted and saw acknowledged: the row must hold exactly this after any crash. */
interface Posted {
  id: string;
  name: string;
  phone: string;
  handle: string;
}

interface PersonBody {
  name: string;
  phone: string | null;
  handles: { platform: string; handle: string }[];
}

const dataDir = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
let server: SpawnedServer | undefined;
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

test(
  'every acknowledged person survives SIGKILL at a random moment, whole, in an intact file',
  async () => {
    server = await spawnServer({ dataDir });
    const cookie = await signUpOwner(server.url);
    const acknowledged = new Map<string, Posted>();
    const unexpected: string[] = [];
    const lostPerCycle: string[] = [];
    let counter = 0;
    const nextPerson = (): Posted => {
      counter += 1;
      return {
        id: crypto.randomUUID(),
        name: `Crash Person ${counter}`,
        phone: `+49170${String(counter).padStart(7, '0')}`,
        handle: `crash_${counter}`,
      };
    };

    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      const running = server;
      const ackedNow = new Map<string, Posted>();
      const writers = Array.from({ length: WRITERS }, () =>
        writeUntilGone(running.url, cookie, nextPerson, ackedNow, unexpected),
      );
      const killAfterMs = 100 + Math.random() * 500;
      await sleep(killAfterMs);
      await running.kill();
      await Promise.all(writers);
      for (const [id, posted] of ackedNow) acknowledged.set(id, posted);

      server = await spawnServer({ dataDir });
      const missing = await findMissing(server.url, cookie, [...ackedNow.values()]);
      if (missing.length > 0)
        lostPerCycle.push(
          `cycle ${cycle} (killed after ${Math.round(killAfterMs)} ms): ${missing.join(', ')}`,
        );
    }

    const exitCode = await server.stop();
    const file = inspectFile(join(dataDir, 'rapport.sqlite'), acknowledged);
    console.log(
      JSON.stringify({
        test: 'crash',
        cycles: CYCLES,
        acknowledged: acknowledged.size,
        lost: file.lost.length,
        integrity: file.integrity,
      }),
    );
    expect(unexpected).toEqual([]);
    expect(lostPerCycle).toEqual([]);
    expect(file.lost).toEqual([]);
    expect(file.halfWritten).toEqual([]);
    expect(file.integrity).toBe('ok');
    expect(file.foreignKeyProblems).toBe(0);
    expect(exitCode).toBe(0);
    // A run that acknowledged nothing would prove nothing.
    expect(acknowledged.size).toBeGreaterThan(CYCLES);
  },
  IS_LONG ? CYCLES * 10_000 : 30_000,
);

async function signUpOwner(url: string): Promise<string> {
  const response = await fetch(`${url}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.org', password: 'correct horse battery' }),
  });
  if (response.status !== 201)
    throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  return sessionCookie(response.headers.get('set-cookie') ?? undefined);
}

/** Posts people one after another until the server is gone; records each one answered 2xx. */
async function writeUntilGone(
  url: string,
  cookie: string,
  nextPerson: () => Posted,
  acknowledged: Map<string, Posted>,
  unexpected: string[],
): Promise<void> {
  for (;;) {
    const person = nextPerson();
    let response: Response;
    try {
      response = await fetch(`${url}/api/people`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: person.id,
          name: person.name,
          phone: person.phone,
          handles: [{ platform: 'instagram', handle: person.handle }],
          consent: { kind: 'told-me-and-agreed' },
        }),
      });
    } catch (error: unknown) {
      // The server was killed: this write was never acknowledged, so it may or may not be there.
      if (error instanceof TypeError) return;
      throw error;
    }
    // A 2xx status is the acknowledgement, even if the kill cuts the body that follows it.
    if (response.ok) acknowledged.set(person.id, person);
    else unexpected.push(`${response.status} for ${person.id}`);
    await response.arrayBuffer().catch((error: unknown) => {
      if (!(error instanceof TypeError)) throw error;
    });
  }
}

/** Reads each acknowledged person back through the restarted server; answers the ids not found whole. */
async function findMissing(url: string, cookie: string, people: Posted[]): Promise<string[]> {
  const missing: string[] = [];
  for (const person of people) {
    const response = await fetch(`${url}/api/people/${person.id}`, { headers: { cookie } });
    const found = response.status === 200 ? ((await response.json()) as { person: PersonBody }).person : null;
    const isWhole =
      found?.name === person.name &&
      found.phone === person.phone &&
      found.handles[0]?.handle === person.handle;
    if (!isWhole) missing.push(`${person.id} (${response.status})`);
  }
  return missing;
}

/** After the last clean stop: the file's own checks, and every row read straight from it. */
function inspectFile(file: string, acknowledged: Map<string, Posted>) {
  const sqlite = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const rows = sqlite.prepare('SELECT * FROM people').all() as Record<string, unknown>[];
    const halfWritten = rows.filter((row) => !isWholeRow(row)).map((row) => JSON.stringify(row));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const lost = [...acknowledged.values()]
      .filter((person) => {
        const row = byId.get(person.id);
        return row?.name !== person.name || row.phone_e164 !== person.phone;
      })
      .map((person) => person.id);
    return { integrity, foreignKeyProblems, halfWritten, lost };
  } finally {
    sqlite.close();
  }
}

function isWholeRow(row: Record<string, unknown>): boolean {
  return (
    typeof row.name === 'string' &&
    row.name.trim() !== '' &&
    (row.phone_e164 === null || (typeof row.phone_e164 === 'string' && E164.test(row.phone_e164))) &&
    isHandleList(row.handles) &&
    CONSENT_KINDS.includes(String(row.consent_kind)) &&
    !Number.isNaN(Date.parse(String(row.created_at)))
  );
}

function isHandleList(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      Array.isArray(parsed) &&
      parsed.every((entry) => typeof entry?.platform === 'string' && typeof entry?.handle === 'string')
    );
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
