import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { analyze, charGrams, CONCEPT_PREFIX } from '../../src/text/analyze.js';
import { createGlossary } from '../../src/text/glossary.js';

const { glossary } = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const empty = createGlossary([]);

describe('analyze', () => {
  it('returns the stems of the content words, then the concepts (the doc example)', () => {
    expect(analyze('What does the article find about criminal liability?', glossary).tokens).toEqual([
      'find',
      'crimin',
      'liabil',
      '#findings',
      '#criminal-law',
      '#liability',
    ]);
  });

  it('returns terms without function words', () => {
    expect(analyze('What is the law?', glossary)).toEqual({ terms: [{ stem: 'law', concepts: ['law'] }], tokens: ['law', '#law'] });
    expect(analyze('What is the law?', empty)).toEqual({ terms: [{ stem: 'law', concepts: [] }], tokens: ['law'] });
  });

  it('returns the same analysis for Kazakh typed with or without Kazakh letters', () => {
    expect(analyze('заң кашан кабылданды', glossary)).toEqual(analyze('заң қашан қабылданды', glossary));
    expect(analyze('заң қашан қабылданды', glossary).tokens).toEqual(['зан', 'кабыл', '#law', '#adopted']);
  });

  it('returns one token per stem occurrence (a bag of words)', () => {
    expect(analyze('law law law', empty).tokens).toEqual(['law', 'law', 'law']);
  });

  it('returns single digits and content words, drops single letters and words about the article itself', () => {
    expect(analyze('article 5 x law', empty).tokens).toEqual(['5', 'law']);
  });

  it('returns nothing for text without words', () => {
    expect(analyze('', glossary)).toEqual({ terms: [], tokens: [] });
    expect(analyze('?!', glossary)).toEqual({ terms: [], tokens: [] });
  });

  it('returns concept tokens with the prefix #', () => {
    expect(CONCEPT_PREFIX).toBe('#');
  });
});

describe('charGrams', () => {
  it('returns the 4-grams of each content word with word boundaries', () => {
    expect(charGrams('Кибер шабуыл и')).toEqual(['^киб', 'кибе', 'ибер', 'бер$', '^шаб', 'шабу', 'абуы', 'буыл', 'уыл$']);
  });

  it('returns a short word whole with its boundaries and drops function words', () => {
    expect(charGrams('the AI law')).toEqual(['^ai$', '^law', 'law$']);
  });

  it('returns n-grams of another size when asked', () => {
    expect(charGrams('заң', 3)).toEqual(['^за', 'зан', 'ан$']);
  });
});
