import { describe, expect, it } from 'vitest';
import { words } from '../../src/text/fold.js';
import { allowedEdits, createSpeller } from '../../src/text/spell.js';

describe('Speller.correctText', () => {
  it('replaces only the misspelt words and keeps the rest of the text as typed', () => {
    const speller = createSpeller(['artificial', 'intelligence', 'law']);
    expect(speller.correctText('What is Artifical Inteligence law?')).toBe('What is artificial intelligence law?');
  });

  it('corrects Cyrillic words from 5 letters by one edit, in Russian and Kazakh, and leaves shorter ones', () => {
    // the vocabulary is folded, as the service builds it
    const speller = createSpeller(words('выводы методы авторы исследования әдістер закон findings'));
    expect(speller.correctText('основные вывды')).toBe('основные выводы');
    expect(speller.correctText('метды исследования')).toBe('методы исследования');
    expect(speller.correctText('кто автры')).toBe('кто авторы');
    // the correction is folded (Kazakh letters onto the Russian keyboard's)
    expect(speller.correctText('әдстер')).toBe('адистер');
    expect(speller.correctText('main findngs')).toBe('main findings');
    expect(speller.correctText('зкон')).toBe('зкон');
  });
});

describe('allowedEdits', () => {
  it('allows Latin words 1 edit from 5 letters and 2 from 10, Cyrillic words 1 from 5 letters and never 2', () => {
    expect(['law', 'findngs', 'artificialy', 'закн', 'вывды', 'жасандыинтеллект'].map(allowedEdits)).toEqual([0, 1, 2, 0, 1, 1]);
  });
});
