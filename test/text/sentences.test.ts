import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';
import { FINDING_3_KK } from '../answer/fixtures.js';

describe('splitSentences', () => {
  it('returns the sentences of a paragraph without losing a character', () => {
    const s = splitSentences(FINDING_3_KK);
    expect(s).toHaveLength(2);
    expect(s.join('')).toBe(FINDING_3_KK);
    expect(s[1].startsWith('Еуропалық Одақтың')).toBe(true);
  });

  it('does not end a sentence at initials or before a digit', () => {
    const text = 'Ж.С. Бердиярова led the study. The Resolution No. 592 of 24 July 2024 [3]. «Next» one.';
    expect(splitSentences(text)).toEqual([
      'Ж.С. Бердиярова led the study. ',
      'The Resolution No. 592 of 24 July 2024 [3]. ',
      '«Next» one.',
    ]);
  });
});
