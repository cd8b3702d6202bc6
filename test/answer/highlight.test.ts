import { describe, expect, it } from 'vitest';
import { bestSentence, keyPrefixes } from '../../src/answer/highlight.js';
import { splitSentences } from '../../src/text/sentences.js';
import { FINDING_3_EN, FINDING_3_KK } from './fixtures.js';

describe('keyPrefixes', () => {
  it('returns folded 5-letter prefixes without stop words', () => {
    expect([...keyPrefixes('What does the AI Act say about Қылмыстық liability?')]).toEqual(['ai', 'act', 'кылмы', 'liabi']);
  });
});

describe('bestSentence', () => {
  it('returns the sentence sharing the rarest question words', () => {
    expect(bestSentence(splitSentences(FINDING_3_EN), 'What does the AI Act say about risk levels?')).toBe(1);
    expect(bestSentence(splitSentences(FINDING_3_EN), 'international experience')).toBe(0);
  });

  it('matches inflected Kazakh and Russian words by their prefix', () => {
    expect(bestSentence(splitSentences(FINDING_3_KK), 'тәуекел деңгейі бойынша жіктеу')).toBe(1);
    expect(bestSentence(['Закон принят.', 'Принципы регулирования закреплены в законе.'], 'какие принципы закреплены')).toBe(1);
  });

  it('returns -1 when no sentence shares a word, and the earlier sentence on a tie', () => {
    expect(bestSentence(['Alpha beta.', 'Gamma delta.'], 'borscht recipe')).toBe(-1);
    expect(bestSentence(['Alpha beta.', 'Gamma delta.'], 'what is')).toBe(-1);
    expect(bestSentence(['Alpha one.', 'Alpha two.'], 'alpha')).toBe(0);
  });
});
