import { describe, expect, it } from 'vitest';
import { alignKeywords, keywordConcepts, keywordTerms } from '../../src/corpus/keywords.js';
import { ArticleFormatError } from '../../src/corpus/parse.js';
import type { Section } from '../../src/corpus/types.js';

describe('alignKeywords', () => {
  it('returns one concept per position of the three lists', () => {
    expect(alignKeywords({ kk: ['заң', 'құқық'], ru: ['закон', 'право'], en: ['law', 'right'] })).toEqual([
      { id: 'keyword-1', kk: ['заң'], ru: ['закон'], en: ['law'] },
      { id: 'keyword-2', kk: ['құқық'], ru: ['право'], en: ['right'] },
    ]);
  });

  it('throws when the lists differ in length', () => {
    expect(() => alignKeywords({ kk: ['a', 'b'], ru: ['a'], en: ['a', 'b'] })).toThrow(
      new ArticleFormatError('the keyword lists differ in length (kk 2, ru 1, en 2) but must align one-to-one'),
    );
    expect(() => alignKeywords({ kk: ['a'], ru: ['a'], en: [] })).toThrow('(kk 1, ru 1, en 0)');
  });
});

describe('keywordTerms', () => {
  it('returns the terms after the label, without the final full stop', () => {
    expect(keywordTerms('Keywords: artificial intelligence, legal regulation, digital law.')).toEqual([
      'artificial intelligence',
      'legal regulation',
      'digital law',
    ]);
    expect(keywordTerms('Түйін сөздер: жасанды интеллект, , заң')).toEqual(['жасанды интеллект', 'заң']);
  });
});

describe('keywordConcepts', () => {
  it('returns the keyword sections of the three languages as aligned concepts', () => {
    const section = (lang: Section['lang'], paragraph: string): Section => ({
      id: 'keywords',
      lang,
      official: true,
      paragraphs: [paragraph],
    });
    const official = [
      section('kk', 'Түйін сөздер: заң, құқық.'),
      section('ru', 'Ключевые слова: закон, право.'),
      section('en', 'Keywords: law, right.'),
    ];
    expect(keywordConcepts(official)).toEqual([
      { id: 'keyword-1', kk: ['заң'], ru: ['закон'], en: ['law'] },
      { id: 'keyword-2', kk: ['құқық'], ru: ['право'], en: ['right'] },
    ]);
  });
});
