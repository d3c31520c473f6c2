import { expect, test } from 'vitest';
import { splitPhoneExtension } from './split-phone-extension.ts';

test('splits a stored number into the line and the extension', () => {
  expect(splitPhoneExtension('+12015550123;ext=45')).toEqual({ line: '+12015550123', extension: '45' });
  expect(splitPhoneExtension('+4917012345678')).toEqual({ line: '+4917012345678', extension: undefined });
});
