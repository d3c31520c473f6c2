import { describe, expect, test } from 'vitest';
import { parseForm } from './parse-form.ts';

describe('parseForm', () => {
  test('repeated fields become a list, single ones stay text', () => {
    expect({ ...parseForm('name=Jordan+Rivera&share=phone&share=handles') }).toEqual({
      name: 'Jordan Rivera',
      share: ['phone', 'handles'],
    });
  });

  test('fields named like Object properties are plain fields (the fuzz found a 500 here)', () => {
    const form = parseForm('constructor=a&__proto__=b&toString=c&constructor=d');
    expect(form.constructor).toEqual(['a', 'd']);
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form.toString).toBe('c');
  });
});
