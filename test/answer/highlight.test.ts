import { describe, expect, it } from 'vitest';
import { bestSentence, keyStems } from '../../src/answer/highlight.js';
import { splitSentences } from '../../src/text/sentences.js';
import { FINDING_3_EN, FINDING_3_KK } from './fixtures.js';

describe('keyStems', () => {
  it('returns the stems retrieval uses, without stop words', () => {
    expect([...keyStems('What does the AI Act say about Қылмыстық liability?', 'en')]).toEqual(['ai', 'act', 'кылмыс', 'liabil']);
    expect([...keyStems('заңның қағидаттары', 'kk')]).toEqual(['зан', 'кагидат']);
  });
});

describe('bestSentence', () => {
  it('returns the sentence sharing the rarest question words', () => {
    expect(bestSentence(splitSentences(FINDING_3_EN), 'What does the AI Act say about risk levels?', 'en')).toBe(1);
    expect(bestSentence(splitSentences(FINDING_3_EN), 'international experience', 'en')).toBe(0);
  });

  it('matches inflected Kazakh and Russian words by their stem', () => {
    expect(bestSentence(splitSentences(FINDING_3_KK), 'тәуекел деңгейі бойынша жіктеу', 'kk')).toBe(1);
    expect(bestSentence(['Закон принят.', 'Принципы регулирования закреплены в законе.'], 'какие принципы закреплены', 'ru')).toBe(1);
  });

  it('returns -1 when no sentence shares a word, and the earlier sentence on a tie', () => {
    expect(bestSentence(['Alpha beta.', 'Gamma delta.'], 'borscht recipe', 'en')).toBe(-1);
    expect(bestSentence(['Alpha beta.', 'Gamma delta.'], 'what is', 'en')).toBe(-1);
    expect(bestSentence(['Alpha one.', 'Alpha two.'], 'alpha', 'en')).toBe(0);
  });
});
