import { describe, expect, it } from 'vitest';
import { createBm25 } from '../../src/retrieval/bm25.js';

const DOCS = [['a', 'b'], ['a'], ['c', 'c', 'd']];
const AVG = 6 / 3;
/** The BM25 term score, written out: idf · f·(k1+1) / (f + k1·(1 − b + b·len/avg)). */
const term = (idf: number, f: number, len: number, k1: number, b: number) => (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / AVG));

describe('createBm25', () => {
  it('returns the document count and the document frequency of a token', () => {
    const bm25 = createBm25(DOCS);
    expect(bm25.size).toBe(3);
    expect([bm25.df('a'), bm25.df('c'), bm25.df('zz')]).toEqual([2, 1, 0]);
  });

  it('returns a positive idf, the highest for an unknown token', () => {
    const bm25 = createBm25(DOCS);
    expect(bm25.idf('a')).toBeCloseTo(Math.log(1 + 1.5 / 2.5), 14);
    expect(bm25.idf('c')).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 14);
    expect(bm25.idf('zz')).toBeCloseTo(Math.log(8), 14);
  });

  it('returns whether a document contains a token', () => {
    const bm25 = createBm25(DOCS);
    expect([bm25.has(0, 'b'), bm25.has(1, 'b'), bm25.has(2, 'c')]).toEqual([true, false, true]);
  });

  it('returns the BM25 score of every document, shorter documents first on equal counts', () => {
    const bm25 = createBm25(DOCS, 1.2, 0.5);
    const scores = Array.from(bm25.scores([{ token: 'a' }]));
    expect(scores[0]).toBeCloseTo(term(Math.log(1.6), 1, 2, 1.2, 0.5), 14);
    expect(scores[1]).toBeCloseTo(term(Math.log(1.6), 1, 1, 1.2, 0.5), 14);
    expect(scores[2]).toBe(0);
    expect(scores[1]).toBeGreaterThan(scores[0]);
  });

  it('returns scores multiplied by the query weight and summed over tokens', () => {
    const bm25 = createBm25(DOCS, 1.2, 0.5);
    const c = term(Math.log(1 + 2.5 / 1.5), 2, 3, 1.2, 0.5);
    expect(bm25.scores([{ token: 'c', weight: 2 }])[2]).toBeCloseTo(2 * c, 14);
    expect(bm25.scores([{ token: 'c' }, { token: 'c' }])[2]).toBeCloseTo(2 * c, 14);
    expect(bm25.scores([{ token: 'c' }, { token: 'd' }])[2]).toBeCloseTo(c + term(Math.log(1 + 2.5 / 1.5), 1, 3, 1.2, 0.5), 14);
  });

  it('returns zeros for tokens no document has', () => {
    expect(Array.from(createBm25(DOCS).scores([{ token: 'zz' }]))).toEqual([0, 0, 0]);
    expect(Array.from(createBm25(DOCS).scores([]))).toEqual([0, 0, 0]);
  });

  it('returns the same scores for the same documents (pure)', () => {
    expect(createBm25(DOCS).scores([{ token: 'a' }, { token: 'd' }])).toEqual(createBm25(DOCS).scores([{ token: 'a' }, { token: 'd' }]));
  });

  it('returns an empty scorer for no documents', () => {
    const bm25 = createBm25([]);
    expect(bm25.size).toBe(0);
    expect(Array.from(bm25.scores([{ token: 'a' }]))).toEqual([]);
  });
});
