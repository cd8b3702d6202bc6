import { describe, expect, it } from 'vitest';
import {
  bestSentenceWeight,
  DEFAULT_WEIGHTS,
  fuse,
  META_PRIOR,
  METHODS_PRIOR,
  namedSections,
  namedShare,
  normaliseVector,
  sectionPrior,
  VOICE_PRIOR,
} from '../../src/retrieval/fusion.js';
import type { Term } from '../../src/text/analyze.js';

describe('fuse', () => {
  it('returns the prior times the weighted evidence plus the section bonus', () => {
    const parts = { lexical: 1, vector: 0.5, sentence: 0.4, named: 0.25 };
    expect(fuse(parts, 0.8, { lexical: 0.3, vector: 0.2, sentence: 0.45, section: 0.4 })).toBeCloseTo(0.8 * (0.3 + 0.1 + 0.18) + 0.1, 12);
    expect(fuse({ lexical: 0, vector: 0, sentence: 0, named: 0 }, 1)).toBe(0);
    expect(fuse({ lexical: 1, vector: 1, sentence: 1, named: 1 }, 1, DEFAULT_WEIGHTS)).toBeCloseTo(1.35, 12);
  });
});

describe('sectionPrior', () => {
  it("returns 1 in a named section, VOICE_PRIOR for the authors as the article's voice, META_PRIOR in sections about the article", () => {
    expect(sectionPrior('authors', 0.5, true)).toBe(1);
    expect(sectionPrior('author-contributions', 0, true)).toBe(VOICE_PRIOR);
    expect(sectionPrior('author-contributions', 0, false)).toBe(META_PRIOR);
    expect(sectionPrior('references/18', 0, true)).toBe(META_PRIOR);
    expect(sectionPrior('results/finding-4', 0, true)).toBe(1);
  });

  it('returns METHODS_PRIOR in Methods unless the question names it', () => {
    expect([METHODS_PRIOR, sectionPrior('methods', 0, false), sectionPrior('methods', 0.5, false)]).toEqual([0.9, 0.9, 1]);
  });
});

describe('normaliseVector', () => {
  it('returns min-max normalised similarities at the ids found and 0 elsewhere', () => {
    expect([...normaliseVector({ ids: [2, 0, 3], scores: [1, 0.5, 0] }, 5)]).toEqual([0.5, 0, 1, 0, 0]);
  });

  it('returns 1 for every neighbour when their similarities are equal', () => {
    expect([...normaliseVector({ ids: [1], scores: [0.3] }, 2)]).toEqual([0, 1]);
  });
});

describe('bestSentenceWeight', () => {
  it('returns the largest weight of question tokens found together in one sentence', () => {
    const sentences = [new Set(['a', 'b']), new Set(['c']), new Set(['a', 'c'])];
    expect(bestSentenceWeight(sentences, ['a', 'b', 'c'], [1, 2, 4])).toBe(5);
    expect(bestSentenceWeight(sentences, ['x'], [3])).toBe(0);
    expect(bestSentenceWeight([], ['a'], [1])).toBe(0);
  });
});

describe('namedSections / namedShare', () => {
  const term = (stem: string, concepts: string[] = []): Term => ({ stem, concepts });
  const sectionsOf = new Map([
    ['finding-4', ['results/finding-4']],
    ['findings', ['results']],
  ]);
  const weightOf = (t: Term) => (t.stem === 'fourth' ? 3 : 1);

  it("returns each named section with the share of the question's weight that names it", () => {
    const targets = namedSections([term('fourth', ['finding-4']), term('finding', ['findings'])], weightOf, sectionsOf);
    expect([...targets]).toEqual([
      ['results/finding-4', 0.75],
      ['results', 0.25],
    ]);
    expect(namedShare(targets, 'results/finding-4')).toBe(0.75);
    expect(namedShare(targets, 'results/finding-2')).toBe(0.25);
    expect(namedShare(targets, 'results')).toBe(0.25);
    expect(namedShare(targets, 'discussion')).toBe(0);
  });

  it('returns no target for a question naming no section', () => {
    expect(namedSections([term('fraud')], weightOf, sectionsOf).size).toBe(0);
  });
});
