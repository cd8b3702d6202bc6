import { describe, expect, it } from 'vitest';
import { focusWord } from '../../src/text/focus.js';

describe('focusWord', () => {
  it('returns the word right after a Russian or English question word, past "is the" and "kind of" in English', () => {
    expect(
      [
        ['Какие штрафы предусматривает AI Act за нарушения?', 'ru'],
        ['какой закон регулирует ИИ', 'ru'],
        ['what is the risk-based approach?', 'en'],
        ['what kind of fines are there', 'en'],
        ['how much is the fine for deepfakes', 'en'],
        ['Who is the president of the USA?', 'en'],
      ].map(([q, lang]) => focusWord(q, lang as 'ru' | 'en')),
    ).toEqual(['штрафы', 'закон', 'risk', 'fines', 'fine', 'president']);
  });

  it('returns the Kazakh word before a question word that ends the question, else the one after қай or қандай', () => {
    expect(
      ['ЖИ арқылы дипфейк жасағаны үшін айыппұл қанша?', 'Мақаланың авторлары кім?', 'қай елдердің тәжірибесі талданды?'].map((q) =>
        focusWord(q, 'kk'),
      ),
    ).toEqual(['айыппул', 'авторлары', 'елдердин']);
  });

  it('returns undefined for a keyword query, a request, or a question word followed by a clause', () => {
    expect(
      [
        ['кибершабуылдар', 'kk'],
        ['tell me more', 'en'],
        ['tell me what they think should change in the law', 'en'],
        ['что говорится о персональных данных', 'ru'],
      ].map(([q, lang]) => focusWord(q, lang as 'kk' | 'en' | 'ru')),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });
});
