import { describe, expect, it } from 'vitest';
import { coverage, DEFAULT_ABSTENTION, UNKNOWN_FOCUS_WEIGHT, UNKNOWN_WORD_WEIGHT } from '../../src/retrieval/abstain.js';

const IDF: Record<string, number> = { law: 1, ai: 2, '#ai': 3, '2024': 4, zz: 5, china: 6 };
const idf = (t: string) => IDF[t] ?? 0;
const known = (t: string) => t !== 'china';
const inputs = (has: (t: string) => boolean, names?: Set<string>) => ({ has, known, idf, names });

describe('coverage', () => {
  it('returns the idf-weighted share of the question terms the passage has; a concept word weighs its concept', () => {
    const terms = [
      { stem: 'law', concepts: [] },
      { stem: 'ai', concepts: ['ai'] },
    ];
    expect(
      coverage(
        terms,
        inputs((t) => t === 'law'),
      ),
    ).toBe(1 / 4);
    expect(
      coverage(
        terms,
        inputs((t) => t === '#ai'),
      ),
    ).toBe(3 / 4);
    expect(
      coverage(
        terms,
        inputs((t) => t === 'ai'),
      ),
    ).toBe(3 / 4);
    expect(
      coverage(
        terms,
        inputs(() => true),
      ),
    ).toBe(1);
    expect(
      coverage(
        terms,
        inputs(() => false),
      ),
    ).toBe(0);
  });

  it('returns a bare number at half its weight', () => {
    const terms = [
      { stem: '2024', concepts: [] },
      { stem: 'zz', concepts: [] },
    ];
    expect(
      coverage(
        terms,
        inputs((t) => t === '2024'),
      ),
    ).toBe(2 / 7);
    expect(
      coverage(
        terms,
        inputs((t) => t === 'zz'),
      ),
    ).toBe(5 / 7);
  });

  it('returns a word the article never uses at UNKNOWN_WORD_WEIGHT of its weight', () => {
    const terms = [
      { stem: 'law', concepts: [] },
      { stem: 'china', concepts: [] },
    ];
    expect(UNKNOWN_WORD_WEIGHT).toBe(0.5);
    expect(
      coverage(
        terms,
        inputs((t) => t === 'law'),
      ),
    ).toBe(1 / (1 + 6 * 0.5));
  });

  it('returns the thing asked about, when the article never uses it, at UNKNOWN_FOCUS_WEIGHT (a known one at its own weight)', () => {
    const terms = [
      { stem: 'law', concepts: [] },
      { stem: 'china', concepts: [] },
    ];
    expect(UNKNOWN_FOCUS_WEIGHT).toBe(2);
    expect(coverage(terms, { ...inputs((t) => t === 'law'), focus: 'china' })).toBe(1 / (1 + 6 * 2));
    expect(coverage(terms, { ...inputs((t) => t === 'china'), focus: 'law' })).toBe((6 * 0.5) / (1 + 6 * 0.5));
  });

  it('returns 0 when the question names something the article never names, whatever else it covers', () => {
    const terms = [
      { stem: 'law', concepts: [] },
      { stem: 'ai', concepts: ['ai'] },
      { stem: 'china', concepts: [] },
    ];
    expect(
      coverage(
        terms,
        inputs(() => true, new Set(['china'])),
      ),
    ).toBe(0);
    expect(
      coverage(
        terms,
        inputs((t) => t !== 'china', new Set(['law'])),
      ),
    ).toBe(4 / (4 + 6 * 0.5));
  });

  it('returns 0 for no terms', () => {
    expect(
      coverage(
        [],
        inputs(() => true),
      ),
    ).toBe(0);
  });
});

describe('DEFAULT_ABSTENTION', () => {
  it('returns the coverage rule calibrated on the eval sets', () => {
    expect(DEFAULT_ABSTENTION).toEqual({ kind: 'coverage', minCoverage: 0.34 });
  });
});
