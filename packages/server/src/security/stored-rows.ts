import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSENT_KINDS, parseSocialHandle, SOCIAL_PLATFORM_NAMES } from '@rapport/core';
import type { AccountId, Person, Store } from '@rapport/db';
import Database from 'better-sqlite3';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Columns that hold JSON text (database-schema.ts). */
const JSON_COLUMNS = new Set(['handles', 'topics', 'answers']);

/** One broken promise about stored data, found in one row. */
export interface StoredProblem {
  table: string;
  id: string;
  rule: StoredRule;
  detail: string;
}

export type StoredRule =
  | 'utf-8'
  | 'iso-time'
  | 'json'
  | 'phone'
  | 'name-untrimmed'
  | 'name-length'
  | 'handles'
  | 'handles-count'
  | 'text-length'
  | 'notes-length'
  | 'consent'
  | 'met-through';

/**
 * Every row of every table, from an online copy of the database: two snapshots compared show
 * whether a request changed anything at all.
 */
export async function snapshotRows(store: Store): Promise<Record<string, unknown[]>> {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-snapshot-'));
  try {
    const copy = join(folder, 'copy.sqlite');
    await store.backup(copy);
    const db = new Database(copy, { readonly: true });
    try {
      const rows: Record<string, unknown[]> = {};
      for (const table of userTables(db)) {
        rows[table] = db.prepare(`select * from ${JSON.stringify(table)} order by rowid`).all();
      }
      return rows;
    } finally {
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function userTables(db: Database.Database): string[] {
  return db
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
    )
    .pluck()
    .all() as string[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every way a stored row breaks the rules the API promises (RELIABILITY.md, input and output):
 * people as the store reads them back; in every table, text as valid UTF-8, times as ISO 8601 UTC
 * and JSON as JSON.
 */
export function findMalformedRows(
  db: Database.Database,
  people: readonly (Person & { accountId: AccountId })[],
): StoredProblem[] {
  const problems: StoredProblem[] = [];
  const owners = new Map(people.map((person) => [person.id as string, person.accountId]));
  for (const person of people) {
    for (const [rule, detail] of problemsOfPerson(person, owners))
      problems.push({ table: 'people', id: person.id, rule, detail });
  }
  const tables = db
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
    )
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = db.pragma(`table_info(${JSON.stringify(table)})`) as { name: string; type: string }[];
    const key = columns.some((column) => column.name === 'id') ? 'id' : 'rowid';
    for (const { name: column, type } of columns) {
      if (type.toLowerCase() !== 'text') continue;
      const rows = db
        .prepare(
          `select ${key} as key, ${JSON.stringify(column)} as value, hex(${JSON.stringify(column)}) as bytes from ${JSON.stringify(table)} where typeof(${JSON.stringify(column)}) = 'text'`,
        )
        .all() as { key: string; value: string; bytes: string }[];
      for (const { key: id, value, bytes } of rows) {
        const where = { table, id: String(id) };
        if (!isUtf8(bytes))
          problems.push({ ...where, rule: 'utf-8', detail: `${column} holds bytes that are not UTF-8` });
        if (/_(at|until)$/.test(column) && !isUtcTime(value))
          problems.push({
            ...where,
            rule: 'iso-time',
            detail: `${column} ${JSON.stringify(value)} is not ISO UTC`,
          });
        if (JSON_COLUMNS.has(column) && !isJson(value))
          problems.push({
            ...where,
            rule: 'json',
            detail: `${column} ${JSON.stringify(value).slice(0, 80)} is not JSON`,
          });
      }
    }
  }
  return problems;
}

function problemsOfPerson(
  person: Person & { accountId: AccountId },
  owners: Map<string, AccountId>,
): [StoredRule, string][] {
  const problems: [StoredRule, string][] = [];
  const { phone, name, handles, notes } = person;
  if (phone !== null && !isE164(phone))
    problems.push(['phone', `${JSON.stringify(phone)} is not valid E.164`]);
  if (name !== name.trim()) problems.push(['name-untrimmed', `name ${JSON.stringify(name)} is not trimmed`]);
  if (name.length < 1 || name.length > 100)
    problems.push(['name-length', `name of ${name.length} characters`]);
  if (!Array.isArray(handles)) problems.push(['handles', 'handles are not a list']);
  else if (handles.length > 10) problems.push(['handles-count', `${handles.length} handles, more than 10`]);
  for (const handle of Array.isArray(handles) ? handles : []) {
    const parsed = parseSocialHandle(handle?.platform, handle?.handle);
    if (!(SOCIAL_PLATFORM_NAMES as readonly string[]).includes(handle?.platform) || !parsed.ok)
      problems.push(['handles', `${JSON.stringify(handle)} is not a valid handle`]);
    else if (parsed.value.handle !== handle.handle)
      problems.push(['handles', `${JSON.stringify(handle)} is not normalized`]);
  }
  for (const [field, max] of [
    ['howMet', 500],
    ['whereMet', 200],
  ] as const) {
    const value = person[field];
    if (value !== null && (value !== value.trim() || value.length < 1 || value.length > max))
      problems.push([
        'text-length',
        `${field} ${JSON.stringify(value.slice(0, 80))} is not trimmed text of 1 to ${max} characters`,
      ]);
  }
  if (notes !== null && (notes === '' || notes.length > 5000))
    problems.push(['notes-length', `notes of ${notes.length} characters`]);
  if (!(CONSENT_KINDS as readonly string[]).includes(person.consent.kind) || !isUtcTime(person.consent.at))
    problems.push(['consent', `${JSON.stringify(person.consent)} is not a known kind with a UTC time`]);
  if (person.metThroughId !== null && owners.get(person.metThroughId) !== person.accountId)
    problems.push(['met-through', `${person.metThroughId} is not another person of the same account`]);
  if (!isUtcTime(person.createdAt) || !isUtcTime(person.updatedAt))
    problems.push(['iso-time', 'createdAt or updatedAt is not ISO UTC']);
  return problems;
}

function isUtf8(hex: string): boolean {
  try {
    UTF8.decode(Buffer.from(hex, 'hex'));
    return true;
  } catch (_error: unknown) {
    return false;
  }
}

/** A valid E.164 number, then `;ext=` and digits when it has an extension (RFC 3966). */
export function isE164(phone: string): boolean {
  const [line = '', extension] = phone.split(';ext=');
  return (
    /^\+[1-9]\d{1,14}$/.test(line) &&
    (extension === undefined || /^\d+$/.test(extension)) &&
    isValidPhoneNumber(line) &&
    parsePhoneNumberFromString(line)?.number === line
  );
}

function isUtcTime(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

function isJson(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch (_error: unknown) {
    return false;
  }
}
