import { describe, expect, it } from 'vitest';
import { coverage, DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

const IDF: Record<string, number> = { law: 1, ai: 2, '#ai': 3, '2024': 4, zz: 5 };
const idf = (t: string) => IDF[t] ?? 0;

describe('coverage', () => {
  it('returns the idf-weighted share of the question terms the passage has, by stem or by concept', () => {
    const terms = [{ stem: 'law', concepts: [] }, { stem: 'ai', concepts: ['ai'] }];
    expect(coverage(terms, (t) => t === 'law', idf)).toBe(1 / 4);
    expect(coverage(terms, (t) => t === '#ai', idf)).toBe(3 / 4);
    expect(coverage(terms, (t) => t === 'ai', idf)).toBe(3 / 4);
    expect(coverage(terms, () => true, idf)).toBe(1);
    expect(coverage(terms, () => false, idf)).toBe(0);
  });

  it('returns a bare number at half its weight', () => {
    const terms = [{ stem: '2024', concepts: [] }, { stem: 'zz', concepts: [] }];
    expect(coverage(terms, (t) => t === '2024', idf)).toBe(2 / 7);
    expect(coverage(terms, (t) => t === 'zz', idf)).toBe(5 / 7);
  });

  it('returns 0 for no terms', () => {
    expect(coverage([], () => true, idf)).toBe(0);
  });
});

describe('DEFAULT_ABSTENTION', () => {
  it('returns the coverage rule', () => {
    expect(DEFAULT_ABSTENTION.kind).toBe('coverage');
    expect(DEFAULT_ABSTENTION.minCoverage).toBeGreaterThan(0);
    expect(DEFAULT_ABSTENTION.minCoverage).toBeLessThan(1);
  });
});
