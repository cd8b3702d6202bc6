import { describe, expect, it } from 'vitest';
import { articleVocabulary, latinReading, resolveCyrillicLang } from '../../src/retrieval/question-lang.js';

const vocab = articleVocabulary([
  { lang: 'kk', text: 'Мақаланың мақсаты құқықтық реттеуді талдау.' },
  { lang: 'ru', text: 'Цель статьи — анализ правового регулирования.' },
  { lang: 'en', text: 'The aim of the article is to analyse legal regulation.' },
]);

describe('articleVocabulary', () => {
  it("returns the stems of each language's words, folded", () => {
    expect([...vocab.kk]).toEqual(['макала', 'макса', 'кукык', 'рет', 'тал']);
    expect([...vocab.en]).toEqual(['the', 'aim', 'of', 'articl', 'is', 'to', 'analys', 'legal', 'regula']);
  });
});

describe('resolveCyrillicLang', () => {
  it('returns kk for Kazakh typed without Kazakh letters when it finds more Kazakh words of the article', () => {
    expect(resolveCyrillicLang('макаланын максаты', 'ru', vocab)).toBe('kk');
    expect(resolveCyrillicLang('цель статьи', 'kk', vocab)).toBe('ru');
  });

  it('keeps the guess for English, for Kazakh letters and on a tie', () => {
    expect(resolveCyrillicLang('aim', 'en', vocab)).toBe('en');
    expect(resolveCyrillicLang('цель мақаланың', 'ru', vocab)).toBe('ru');
    expect(resolveCyrillicLang('погода', 'ru', vocab)).toBe('ru');
  });
});

describe('latinReading', () => {
  it('returns the language whose function words or article words more of the transliterated words are: English, Kazakh or Russian', () => {
    expect(
      ['maqalanyn maqsaty', 'the aim of the article', 'kakie vyvody v statye?', 'chto v statye pro personalnye dannye?', 'kto avtory?'].map(
        (q) => latinReading(q, vocab),
      ),
    ).toEqual(['kk', 'en', 'ru', 'ru', 'ru']);
  });
});
