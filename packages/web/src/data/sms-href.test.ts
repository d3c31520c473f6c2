import { expect, test } from 'vitest';
import { smsHref } from './sms-href.ts';

test('a text goes to the line of a number with an extension, which no message can reach', () => {
  expect(smsHref('+12015550123;ext=45', 'Great to meet you & yours')).toBe(
    'sms:+12015550123?body=Great%20to%20meet%20you%20%26%20yours',
  );
  expect(smsHref('+4917012345678', 'Hi')).toBe('sms:+4917012345678?body=Hi');
});
