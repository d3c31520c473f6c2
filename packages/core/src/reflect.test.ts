import { describe, expect, test } from 'vitest';
import { reflect } from './reflect.ts';
import { OUTCOMES } from './vocabulary.ts';

const BLAME = /\b(fault|should have|shouldn't have|mistake|failed|blame|wrong with you|your problem)\b/i;

describe('reflect', () => {
  test('after a decline: the guide’s gracious line and its three reflection questions', () => {
    const reflection = reflect('declined');
    expect(reflection.line).toBe('No worries, maybe another time.');
    expect(reflection.questions.map((question) => question.question)).toEqual([
      'Did you come on too strong?',
      'Did you build enough rapport before asking?',
      'Did you respect their boundaries?',
    ]);
    expect(reflection.note).toContain('might not have anything to do with you');
  });

  test('an early ask is reflected with what the advisor would have said, without blame', () => {
    const reflection = reflect('declined', {
      minutes: 2,
      phase: 'opening',
      cues: ['smiling'],
      approach: 'direct',
    });
    const rapport = reflection.questions.find((question) => question.id === 'enough-rapport');
    expect(rapport?.hint).toContain('the advisor would have said wait');
    expect(rapport?.hint).toContain('first few minutes');
  });

  test('negative cues seen are named as their possible reasons, and a direct ask amid them as too strong', () => {
    const reflection = reflect('declined', {
      minutes: 20,
      phase: 'flowing',
      cues: ['smiling', 'mentions-partner', 'checking-phone'],
      approach: 'direct',
    });
    const byId = Object.fromEntries(reflection.questions.map((question) => [question.id, question.hint]));
    expect(byId.boundaries).toBe(
      'You noticed: they mentioned a partner; they are checking their phone. Signs like these can mean they had reasons of their own.',
    );
    expect(byId['too-strong']).toContain('offering your number');
  });

  test('a decline after good signs says the answer may have its own reasons', () => {
    const reflection = reflect('declined', {
      minutes: 20,
      phase: 'flowing',
      cues: ['laughing', 'questions-back'],
    });
    expect(reflection.questions[1]?.hint).toContain('reasons of their own');
    expect(reflection.questions[2]?.hint).toBeUndefined();
  });

  test('other outcomes get their gracious line and no questions', () => {
    expect(reflect('gave-number').line).toBe("Great, thank you! I'll text you.");
    expect(reflect('another-time').line).toBe('Sounds good, maybe another time.');
    for (const outcome of OUTCOMES.filter((o) => o !== 'declined')) {
      expect(reflect(outcome).questions).toEqual([]);
    }
  });

  test('no line, note or hint blames the user', () => {
    for (const outcome of OUTCOMES) {
      const reflection = reflect(outcome, {
        minutes: 1,
        phase: 'opening',
        cues: ['uncomfortable'],
        approach: 'direct',
      });
      const text = [reflection.line, reflection.note, ...reflection.questions.map((q) => q.hint ?? '')].join(
        ' ',
      );
      expect(text).not.toMatch(BLAME);
    }
  });
});
