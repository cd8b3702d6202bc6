import { describe, expect, it } from 'vitest';
import { properNames } from '../../src/retrieval/scorer.js';

describe('properNames', () => {
  it('returns the stems of capitalised words after the first, not of abbreviations or the first word', () => {
    expect([...properNames('How does China regulate AI?', 'en')]).toEqual(['china']);
    expect([...properNames('Как регулируется ИИ в Китае?', 'ru')]).toEqual(['кита']);
    expect([...properNames('What is the fourth finding?', 'en')]).toEqual([]);
  });
});
