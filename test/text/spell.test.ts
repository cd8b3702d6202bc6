import { describe, expect, it } from 'vitest';
import { createSpeller } from '../../src/text/spell.js';

describe('Speller.correctText', () => {
  it('replaces only the misspelt words and keeps the rest of the text as typed', () => {
    const speller = createSpeller(['artificial', 'intelligence', 'law']);
    expect(speller.correctText('What is Artifical Inteligence law?')).toBe('What is artificial intelligence law?');
  });
});
