import fc from 'fast-check';
import { expect } from 'vitest';
import type { ConsentModel, ModelPerson, RealPerson } from './consent-model.ts';
import type { ConsentApp } from './consent-test-kit.ts';

/**
 * Every write path that touches consent, as fast-check commands over the real app: the owner's
 * outcomes, edits, imports, merges, blocks and reviews, and strangers' share-backs, "not now"s and
 * introduction answers. Few numbers and handles, so that matches, merges and blocks meet often.
 */
const PHONES = ['+49 170 5550101', '+49 170 5550102', '+49 170 5550103', '+49 170 5550104'];
const HANDLES = [
  { platform: 'instagram', handle: 'pool.one' },
  { platform: 'x', handle: 'pooltwo' },
  { platform: 'instagram', handle: 'pool.three' },
];
const NAMES = ['Dana Pool', 'Sam Pool', 'Kai Pool', 'Robin Pool', 'Lee Pool'];

type Real = ConsentApp;
type Command = fc.AsyncCommand<ConsentModel, Real>;

const pick = <T>(list: readonly T[], index: number): T | undefined => list[index % Math.max(list.length, 1)];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const listPeople = async (real: Real) =>
  (await real.api('GET', '/api/people?limit=500')).body.people as RealPerson[];
/** Whole rows of every person: a stranger's share-back must leave each one as it was. */
const peopleRows = async (real: Real) =>
  JSON.stringify(await real.query('SELECT * FROM people WHERE account_id = ? ORDER BY id', [real.accountId]));

class AddPerson implements Command {
  readonly name: string;
  readonly phone: string | undefined;
  readonly handle: number | undefined;
  readonly notes: number;
  constructor(name: string, phone: string | undefined, handle: number | undefined, notes: number) {
    this.name = name;
    this.phone = phone;
    this.handle = handle;
    this.notes = notes;
  }
  check = () => true;
  async run(model: ConsentModel, real: Real) {
    const handle = this.handle === undefined ? undefined : HANDLES[this.handle];
    const answer = await real.api('POST', '/api/people', {
      name: this.name,
      ...(this.phone ? { phone: this.phone } : {}),
      ...(handle ? { handles: [handle] } : {}),
      notes: 'x'.repeat(this.notes) || null,
      consent: { kind: 'told-me-and-agreed' },
    });
    if (answer.status === 409) return; // the number is someone's already: nothing was added
    expect(answer.status).toBe(201);
    model.people.push({ id: answer.body.person.id, askStatus: null, blocked: false });
  }
  toString = () => `AddPerson(${this.name}, ${this.phone}, ${this.handle}, ${this.notes})`;
}

class EditPerson implements Command {
  readonly who: number;
  readonly name: string;
  readonly handle: number;
  readonly notes: number;
  constructor(who: number, name: string, handle: number, notes: number) {
    this.who = who;
    this.name = name;
    this.handle = handle;
    this.notes = notes;
  }
  check = (model: ConsentModel) => model.people.length > 0;
  async run(model: ConsentModel, real: Real) {
    const person = pick(model.people, this.who) as ModelPerson;
    const current = (await real.api('GET', `/api/people/${person.id}`)).body.person as RealPerson;
    const handle = HANDLES[this.handle] as { platform: string; handle: string };
    const handles = [...current.handles.map(({ platform, handle }) => ({ platform, handle })), handle].slice(
      0,
      10,
    );
    const answer = await real.api('PATCH', `/api/people/${person.id}`, {
      name: this.name,
      handles,
      notes: 'e'.repeat(this.notes) || null,
    });
    expect(answer.status).toBe(200);
  }
  toString = () => `EditPerson(${this.who}, ${this.name}, ${this.handle}, ${this.notes})`;
}

class RecordOutcome implements Command {
  readonly who: number;
  readonly outcome: 'gave-number' | 'declined' | 'another-time' | 'not-asked';
  constructor(who: number, outcome: 'gave-number' | 'declined' | 'another-time' | 'not-asked') {
    this.who = who;
    this.outcome = outcome;
  }
  check = (model: ConsentModel) => model.people.length > 0;
  async run(model: ConsentModel, real: Real) {
    const person = pick(model.people, this.who) as ModelPerson;
    const current = (await real.api('GET', `/api/people/${person.id}`)).body.person as RealPerson;
    let outcome: string = this.outcome;
    if (outcome === 'gave-number' && !current.phone) {
      if (current.handles.length === 0) outcome = 'not-asked';
      else outcome = 'connected-social';
    }
    await real.meet(person.id, { outcome });
    // Contact given lifts a decline; "another time" never softens one; a decline always sticks.
    if (outcome === 'gave-number' || outcome === 'connected-social') person.askStatus = null;
    if (outcome === 'declined') person.askStatus = 'declined';
    if (outcome === 'another-time' && person.askStatus !== 'declined') person.askStatus = 'another-time';
  }
  toString = () => `RecordOutcome(${this.who}, ${this.outcome})`;
}

class ShareBack implements Command {
  readonly name: string;
  readonly phone: string | undefined;
  readonly handle: number | undefined;
  readonly note: number;
  constructor(name: string, phone: string | undefined, handle: number | undefined, note: number) {
    this.name = name;
    this.phone = phone;
    this.handle = handle;
    this.note = note;
  }
  check = () => this.phone !== undefined || this.handle !== undefined;
  async run(model: ConsentModel, real: Real) {
    const handle = this.handle === undefined ? undefined : HANDLES[this.handle];
    const people = await listPeople(real);
    const e164 = this.phone?.replace(/\s/g, '');
    const matches = people.filter(
      (person) =>
        (e164 && person.phone === e164) ||
        (handle && person.handles.some((h) => h.platform === handle.platform && h.handle === handle.handle)),
    );
    const blocked = matches.some((match) => model.people.find((p) => p.id === match.id)?.blocked);
    const rowsBefore = await peopleRows(real);
    const answer = await real.shareBack(await real.newLink(), {
      name: this.name,
      ...(this.phone ? { phone: this.phone } : {}),
      ...(handle ? { platform: handle.platform, handle: handle.handle } : {}),
      ...(this.note > 0 ? { note: 'n'.repeat(this.note) } : {}),
    });
    expect(answer.statusCode).toBe(200);
    if (blocked || matches.length > 0) {
      // Nobody in the book changed; a match waits for review, a blocked one left nothing at all.
      expect(await peopleRows(real)).toBe(rowsBefore);
    }
    if (blocked) return;
    model.eventsExpected += 1;
    const reviews = (await real.api('GET', '/api/share-backs')).body.shareBacks as {
      id: string;
      sameAs: { personId: string } | null;
    }[];
    const fresh = reviews.filter((review) => !model.reviews.some((known) => known.id === review.id));
    if (matches.length > 0) {
      expect(fresh).toHaveLength(1);
      model.reviews.push({ id: fresh[0]?.id as string, personId: fresh[0]?.sameAs?.personId ?? null });
    } else {
      expect(fresh).toHaveLength(0);
      const added = (await listPeople(real)).filter((p) => !model.people.some((known) => known.id === p.id));
      expect(added).toHaveLength(1);
      model.people.push({ id: added[0]?.id as string, askStatus: null, blocked: false });
    }
  }
  toString = () => `ShareBack(${this.name}, ${this.phone}, ${this.handle}, ${this.note})`;
}

class DeclineLink implements Command {
  check = () => true;
  async run(_model: ConsentModel, real: Real) {
    const rowsBefore = await peopleRows(real);
    expect((await real.declineLink(await real.newLink())).statusCode).toBe(200);
    expect(await peopleRows(real)).toBe(rowsBefore);
  }
  toString = () => 'DeclineLink()';
}

class ImportCards implements Command {
  readonly cards: { name: string; phone: string | undefined; handle: number | undefined }[];
  constructor(cards: { name: string; phone: string | undefined; handle: number | undefined }[]) {
    this.cards = cards;
  }
  check = () => true;
  async run(model: ConsentModel, real: Real) {
    const vcf = this.cards
      .map((card) => {
        const handle = card.handle === undefined ? undefined : HANDLES[card.handle];
        const url = handle
          ? `https://${handle.platform === 'x' ? 'x.com' : 'instagram.com'}/${handle.handle}`
          : '';
        return [
          'BEGIN:VCARD',
          'VERSION:3.0',
          `FN:${card.name}`,
          ...(card.phone ? [`TEL;TYPE=CELL:${card.phone}`] : []),
          ...(url ? [`URL:${url}`] : []),
          'NOTE:imported',
          'END:VCARD',
        ].join('\r\n');
      })
      .join('\r\n');
    const answer = await real.app.inject({
      method: 'POST',
      url: '/api/people/import',
      headers: { authorization: await bearerOf(real), 'content-type': 'text/vcard' },
      payload: `${vcf}\r\n`,
    });
    expect(answer.statusCode).toBe(200);
    for (const person of await listPeople(real)) {
      if (!model.people.some((known) => known.id === person.id)) {
        model.people.push({ id: person.id, askStatus: null, blocked: false });
      }
    }
  }
  toString = () => `ImportCards(${JSON.stringify(this.cards)})`;
}

class MergePeople implements Command {
  readonly keep: number;
  readonly other: number;
  constructor(keep: number, other: number) {
    this.keep = keep;
    this.other = other;
  }
  check = (model: ConsentModel) => model.people.length > 1;
  async run(model: ConsentModel, real: Real) {
    const keep = pick(model.people, this.keep) as ModelPerson;
    const others = model.people.filter((person) => person !== keep);
    const other = pick(others, this.other) as ModelPerson;
    const answer = await real.api('POST', '/api/people/merge', { keep: keep.id, other: other.id });
    expect(answer.status).toBe(200);
    // The strictest status survives, and a block of either blocks the one left.
    keep.askStatus =
      keep.askStatus === 'declined' || other.askStatus === 'declined'
        ? 'declined'
        : (keep.askStatus ?? other.askStatus);
    keep.blocked ||= other.blocked;
    model.people = model.people.filter((person) => person !== other);
    for (const review of model.reviews) if (review.personId === other.id) review.personId = keep.id;
    model.intros = model.intros.filter(
      (intro) => ![intro.a, intro.b].some((id) => id === keep.id || id === other.id),
    );
  }
  toString = () => `MergePeople(${this.keep}, ${this.other})`;
}

class BlockPerson implements Command {
  readonly who: number;
  constructor(who: number) {
    this.who = who;
  }
  check = (model: ConsentModel) => model.people.length > 0;
  async run(model: ConsentModel, real: Real) {
    const person = pick(model.people, this.who) as ModelPerson;
    const answer = await real.api('POST', '/api/blocks', { personId: person.id });
    expect([200, 201]).toContain(answer.status);
    person.blocked = true;
    model.intros = model.intros.filter((intro) => intro.a !== person.id && intro.b !== person.id);
  }
  toString = () => `BlockPerson(${this.who})`;
}

class Introduce implements Command {
  readonly a: number;
  readonly b: number;
  readonly sharePhone: [boolean, boolean];
  constructor(a: number, b: number, sharePhone: [boolean, boolean]) {
    this.a = a;
    this.b = b;
    this.sharePhone = sharePhone;
  }
  check = (model: ConsentModel) => model.people.filter((person) => !person.blocked).length > 1;
  async run(model: ConsentModel, real: Real) {
    const open = model.people.filter((person) => !person.blocked);
    const a = pick(open, this.a) as ModelPerson;
    const b = pick(
      open.filter((person) => person !== a),
      this.b,
    ) as ModelPerson;
    const created = await real.api('POST', '/api/intros', { a: a.id, b: b.id });
    expect(created.status).toBe(201);
    const tokenOf = (url: string) => url.split('/i/')[1] as string;
    const tokens = { a: tokenOf(created.body.links.a), b: tokenOf(created.body.links.b) };
    const shows = { a: [] as string[], b: [] as string[] };
    for (const [index, side] of (['a', 'b'] as const).entries()) {
      const self = (await real.api('GET', `/api/people/${side === 'a' ? a.id : b.id}`)).body
        .person as RealPerson;
      const form = this.sharePhone[index] ? 'share=phone' : '';
      expect((await real.publicPage('POST', `/i/${tokens[side]}/accept`, form)).statusCode).toBe(303);
      // What this side showed, as it was now, is what the other page must keep showing.
      const seenBy = side === 'a' ? shows.b : shows.a;
      seenBy.push(self.name);
      if (this.sharePhone[index] && self.phone) seenBy.push(self.phone.replace(/\D/g, ''));
    }
    model.intros.push({ a: a.id, b: b.id, tokens, shows });
  }
  toString = () => `Introduce(${this.a}, ${this.b}, ${this.sharePhone})`;
}

class ReviewShareBack implements Command {
  readonly which: number;
  readonly action: 'merge' | 'dismiss';
  constructor(which: number, action: 'merge' | 'dismiss') {
    this.which = which;
    this.action = action;
  }
  check = (model: ConsentModel) => model.reviews.length > 0;
  async run(model: ConsentModel, real: Real) {
    const review = pick(model.reviews, this.which) as ConsentModel['reviews'][number];
    const answer =
      this.action === 'merge'
        ? await real.api('POST', `/api/share-backs/${review.id}/merge`)
        : await real.api('DELETE', `/api/share-backs/${review.id}`);
    expect(answer.status).toBe(this.action === 'merge' ? 200 : 204);
    // Merging adds what they shared; how the person stands with me (a "no", a block) stays.
    model.reviews = model.reviews.filter((known) => known !== review);
  }
  toString = () => `ReviewShareBack(${this.which}, ${this.action})`;
}

const bearers = new WeakMap<Real, string>();
/** The account's bearer, minted once per account for the raw requests the kit does not wrap. */
async function bearerOf(real: Real): Promise<string> {
  const known = bearers.get(real);
  if (known) return known;
  const minted = await real.api('POST', '/api/tokens', { name: 'import' });
  const bearer = `Bearer ${minted.body.token as string}`;
  bearers.set(real, bearer);
  return bearer;
}

const index = fc.nat({ max: 20 });
const phone = maybe(fc.constantFrom(...PHONES));
const handle = maybe(fc.nat({ max: HANDLES.length - 1 }));
const name = fc.constantFrom(...NAMES);

const COMMANDS: fc.Arbitrary<Command>[] = [
  fc
    .tuple(name, phone, handle, fc.constantFrom(0, 100, 4990))
    .map(([n, p, h, x]) => new AddPerson(n, p, h, x)),
  fc
    .tuple(index, name, fc.nat({ max: HANDLES.length - 1 }), fc.constantFrom(0, 4999, 5000))
    .map(([w, n, h, x]) => new EditPerson(w, n, h, x)),
  fc
    .tuple(
      index,
      fc.constantFrom('gave-number', 'declined', 'another-time', 'not-asked') as fc.Arbitrary<
        RecordOutcome['outcome']
      >,
    )
    .map(([w, o]) => new RecordOutcome(w, o)),
  fc
    .tuple(name, phone, handle, fc.constantFrom(0, 300, 500))
    .map(([n, p, h, x]) => new ShareBack(n, p, h, x)),
  fc.constant(new DeclineLink()),
  fc
    .array(fc.record({ name, phone, handle }), { minLength: 1, maxLength: 3 })
    .map((cards) => new ImportCards(cards)),
  fc.tuple(index, index).map(([k, o]) => new MergePeople(k, o)),
  index.map((w) => new BlockPerson(w)),
  fc.tuple(index, index, fc.tuple(fc.boolean(), fc.boolean())).map(([a, b, s]) => new Introduce(a, b, s)),
  fc
    .tuple(index, fc.constantFrom('merge', 'dismiss') as fc.Arbitrary<'merge' | 'dismiss'>)
    .map(([w, action]) => new ReviewShareBack(w, action)),
];

/** Outcomes and share-backs are where consent is decided: they come up more often than the rest. */
const [recordOutcome, shareBack] = [COMMANDS[2], COMMANDS[3]] as [
  fc.Arbitrary<Command>,
  fc.Arbitrary<Command>,
];
export const CONSENT_COMMANDS = [...COMMANDS, recordOutcome, recordOutcome, shareBack];
