import { describe, expect, it } from 'vitest';
import { bruteForceTopK, mulberry32, runScaling } from '../../bench/scaling.js';

// 7 rows × 4 dims, all entries exact in float32 so dot products are exact.
const H = 0.5;
const M = Float32Array.from([
  1,
  0,
  0,
  0, // 0
  H,
  H,
  H,
  H, // 1
  0,
  1,
  0,
  0, // 2
  H,
  H,
  H,
  -H, // 3
  1,
  0,
  0,
  0, // 4 (duplicate of 0)
  H,
  -H,
  H,
  H, // 5
  -1,
  0,
  0,
  0, // 6
]);

describe('bruteForceTopK', () => {
  it('returns exact ids and scores, ties broken by lower id', () => {
    expect(bruteForceTopK(M, 4, Float32Array.from([H, H, H, H]), 3)).toEqual({ ids: [1, 0, 2], scores: [1, 0.5, 0.5] });
    expect(bruteForceTopK(M, 4, [1, 0, 0, 0], 4)).toEqual({ ids: [0, 4, 1, 3], scores: [1, 1, 0.5, 0.5] });
  });

  it('returns all rows when k exceeds the row count, and nothing for k = 0', () => {
    expect(bruteForceTopK(M, 4, [H, H, H, H], 10)).toEqual({
      ids: [1, 0, 2, 3, 4, 5, 6],
      scores: [1, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5],
    });
    expect(bruteForceTopK(M, 4, [H, H, H, H], 0)).toEqual({ ids: [], scores: [] });
  });

  it('rejects a query of the wrong dimensionality', () => {
    expect(() => bruteForceTopK(M, 4, [1, 0, 0], 2)).toThrow(/dims/);
  });

  it('matches a full sort on a tie-heavy random matrix', () => {
    const rand = mulberry32(7);
    const rows = 300,
      dims = 8;
    const m = Float32Array.from({ length: rows * dims }, () => Math.floor(rand() * 3) - 1);
    for (let t = 0; t < 20; t++) {
      const q = Array.from({ length: dims }, () => Math.floor(rand() * 3) - 1);
      const all = Array.from({ length: rows }, (_, id) => {
        let s = 0;
        for (let j = 0; j < dims; j++) s += m[id * dims + j] * q[j];
        return { id, s };
      }).sort((a, b) => b.s - a.s || a.id - b.id);
      const k = 1 + (t % 12);
      const got = bruteForceTopK(m, dims, q, k);
      expect(got.ids).toEqual(all.slice(0, k).map((x) => x.id));
      expect(got.scores).toEqual(all.slice(0, k).map((x) => x.s));
    }
  });
});

describe('runScaling', () => {
  it('returns one sane row for a small run, deterministically', async () => {
    const opts = { sizes: [500], dims: 16, queries: 20 };
    const [row, ...rest] = await runScaling(opts);
    expect(rest).toHaveLength(0);
    expect(row.chunks).toBe(500);
    expect(row.recallVsExact).toBeGreaterThanOrEqual(0.9);
    expect(row.recallVsExact).toBeLessThanOrEqual(1);
    expect(row.hnswMs).toBeGreaterThan(0);
    expect(row.bruteMs).toBeGreaterThan(0);
    expect(row.buildSeconds).toBeGreaterThan(0);
    const [again] = await runScaling(opts);
    expect(again.recallVsExact).toBe(row.recallVsExact);
  });
});
