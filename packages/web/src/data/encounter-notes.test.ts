import { describe, expect, test } from 'vitest';
import { ApiError } from '../api.ts';
import { explainNotesError, hasNotesChanged, parseTopics, readNotes } from './encounter-notes.ts';

describe('parseTopics', () => {
  test('splits on commas and line breaks, trims, and drops blanks and repeats in any case', () => {
    expect(parseTopics(' jazz night,  their trip   to Lisbon ,, \nJazz Night, hiking ')).toEqual([
      'jazz night',
      'their trip to Lisbon',
      'hiking',
    ]);
    expect(parseTopics(' , ')).toEqual([]);
  });
});

describe('readNotes and hasNotesChanged', () => {
  test('an empty place is not written down, and only a real change counts', () => {
    const before = { place: 'Galerie Nord', topics: ['jazz night'] };
    expect(readNotes('  ', 'jazz night')).toEqual({ place: null, topics: ['jazz night'] });
    expect(hasNotesChanged(before, readNotes(' Galerie Nord ', 'jazz night, '))).toBe(false);
    expect(hasNotesChanged(before, readNotes('Galerie Nord', 'jazz night, Lisbon'))).toBe(true);
    expect(hasNotesChanged(before, readNotes('', 'jazz night'))).toBe(true);
  });
});

describe('explainNotesError', () => {
  const terse = (field: string) =>
    new ApiError('invalid-input', `${field}: Too big: expected string to have <=100 characters`, 400, field);

  test('puts a topic the server named by its index beside the topics field, quoting what was typed', () => {
    const long = `the ${'very '.repeat(25)}long story`;
    const explained = explainNotesError(terse('topics.1'), { place: null, topics: ['jazz night', long] });
    expect(explained).toBeInstanceOf(ApiError);
    expect(explained).toMatchObject({
      field: 'topics',
      status: 400,
      message: `The topic “${long.slice(0, 30)}…” is too long: up to 100 characters each, or split it with commas.`,
    });
  });

  test('words too many topics and a long place plainly', () => {
    const many = Array.from({ length: 21 }, (_, index) => `topic ${index}`);
    expect(explainNotesError(terse('topics'), { place: null, topics: many })).toMatchObject({
      field: 'topics',
      message: 'That is 21 topics: keep up to 20, the ones you would bring up again.',
    });
    expect(explainNotesError(terse('place'), { place: 'x'.repeat(201), topics: [] })).toMatchObject({
      field: 'place',
      message: expect.stringMatching(/^That place is too long to keep: up to 200 characters/),
    });
  });

  test('passes on errors about anything else as they are', () => {
    const offline = new ApiError('offline', 'You are offline', 0);
    const missing = new ApiError('not-found', 'encounter not found', 404);
    expect(explainNotesError(offline, { place: null, topics: [] })).toBe(offline);
    expect(explainNotesError(missing, { place: null, topics: [] })).toBe(missing);
  });
});
