import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/text/lang.js';

describe('detectLang', () => {
  it('returns kk for text with Kazakh letters', () => {
    expect(detectLang('кибершабуылдар')).toEqual({ lang: 'kk', kazakhLatin: false });
    expect(detectLang('Қазақстан')).toEqual({ lang: 'kk', kazakhLatin: false });
    expect(detectLang('Жасанды интеллекттің құқықтық мәртебесі')).toEqual({ lang: 'kk', kazakhLatin: false });
  });

  it('returns kk for Kazakh typed on a Russian keyboard', () => {
    expect(detectLang('заң кашан кабылданды')).toEqual({ lang: 'kk', kazakhLatin: false });
    expect(detectLang('натижелер')).toEqual({ lang: 'kk', kazakhLatin: false });
    expect(detectLang('жасанды интеллект')).toEqual({ lang: 'kk', kazakhLatin: false });
  });

  it('returns ru for Russian, short or long', () => {
    expect(detectLang('кибератаки')).toEqual({ lang: 'ru', kazakhLatin: false });
    expect(detectLang('Как называется статья?')).toEqual({ lang: 'ru', kazakhLatin: false });
    expect(detectLang('Что такое ИИ?')).toEqual({ lang: 'ru', kazakhLatin: false });
    expect(detectLang('закон')).toEqual({ lang: 'ru', kazakhLatin: false });
  });

  it('returns kk with kazakhLatin for Kazakh in the Latin alphabet', () => {
    expect(detectLang('Jasandy intellekt turaly zań')).toEqual({ lang: 'kk', kazakhLatin: true });
    expect(detectLang('Jasandy intellekt turaly zan')).toEqual({ lang: 'kk', kazakhLatin: true });
    expect(detectLang('Qazaqstan')).toEqual({ lang: 'kk', kazakhLatin: true });
  });

  it('returns en for English, informal included', () => {
    expect(detectLang('what r the findings')).toEqual({ lang: 'en', kazakhLatin: false });
    expect(detectLang('What is the law about AI?')).toEqual({ lang: 'en', kazakhLatin: false });
    expect(detectLang('cyberattacks')).toEqual({ lang: 'en', kazakhLatin: false });
  });

  it('returns en for text without letters', () => {
    expect(detectLang('')).toEqual({ lang: 'en', kazakhLatin: false });
    expect(detectLang('123 ?')).toEqual({ lang: 'en', kazakhLatin: false });
    expect(detectLang('😀')).toEqual({ lang: 'en', kazakhLatin: false });
  });
});
