/**
 * Scaling benchmark: HNSW (hnswlib-node, cosine space) versus exact brute-force cosine search
 * on deterministic, clustered, L2-normalised synthetic vectors.
 *
 * `bruteForceTopK` is also the project's exact brute-force cosine peer.
 */
import { performance } from 'node:perf_hooks';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;

/** One benchmark result per corpus size. */
export interface ScalingRow {
  /** Number of indexed vectors. */
  chunks: number;
  /** Mean HNSW `searchKnn` time per query, in milliseconds. */
  hnswMs: number;
  /** Mean brute-force `bruteForceTopK` time per query, in milliseconds. */
  bruteMs: number;
  /** Mean |HNSW top-k ∩ exact top-k| / k over all queries, in [0, 1]. */
  recallVsExact: number;
  /** HNSW build time (row → Array conversion + addPoint for all rows), in seconds. */
  buildSeconds: number;
}

/** Options for {@link runScaling}. */
export interface ScalingOptions {
  /** Corpus sizes (number of vectors) to benchmark, one row each. */
  sizes: number[];
  /** Vector dimensionality. */
  dims: number;
  /** Number of queries per size (default 200). */
  queries?: number;
  /** Neighbours per query (default 10). */
  k?: number;
  /** PRNG seed for data, queries and the HNSW level generator (default 42). */
  seed?: number;
  /** HNSW max out-degree M (default 16). */
  M?: number;
  /**
   * HNSW efConstruction (default 100). 200 also reaches recall 1.0 at 100k × 512 but the build
   * alone takes ~94 s on 2 cores; 100 builds in ~45–55 s with recall@10 ≈ 0.9995; 64 drops to ≈ 0.98.
   */
  efConstruction?: number;
  /** HNSW search ef, set via `setEf`, raised to at least k (default 64). */
  efSearch?: number;
  /** Called with human-readable progress messages. */
  onProgress?: (msg: string) => void;
}

/** Seeded 32-bit PRNG (mulberry32); returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sampler (Box–Muller, caching the second value) driven by `rand`. */
function gaussian(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rand(); // (0, 1]: log is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * rand();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/** L2-normalise `v[off .. off+dims)` in place (a zero vector is left as is). */
function normalise(v: Float32Array, off: number, dims: number): void {
  let s = 0;
  for (let j = 0; j < dims; j++) s += v[off + j] * v[off + j];
  if (s === 0) return;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < dims; j++) v[off + j] *= inv;
}

/**
 * Clustered data: round(sqrt(n)) unit-norm gaussian centres; each row is a random centre plus
 * isotropic gaussian noise of total norm ≈ `noise`, then L2-normalised. Row-major n × dims.
 */
function clusteredData(n: number, dims: number, noise: number, rand: () => number): Float32Array {
  const g = gaussian(rand);
  const nc = Math.max(1, Math.round(Math.sqrt(n)));
  const centres = new Float32Array(nc * dims);
  for (let i = 0; i < centres.length; i++) centres[i] = g();
  for (let c = 0; c < nc; c++) normalise(centres, c * dims, dims);
  const out = new Float32Array(n * dims);
  const sd = noise / Math.sqrt(dims);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * nc) * dims;
    const o = i * dims;
    for (let j = 0; j < dims; j++) out[o + j] = centres[c + j] + sd * g();
    normalise(out, o, dims);
  }
  return out;
}

/** Noisy, normalised copies (noise norm ≈ `noise`) of `count` random rows of `data`. */
function noisyQueries(data: Float32Array, dims: number, count: number, noise: number, rand: () => number): Float32Array[] {
  const g = gaussian(rand);
  const n = data.length / dims;
  const sd = noise / Math.sqrt(dims);
  const out: Float32Array[] = [];
  for (let q = 0; q < count; q++) {
    const o = Math.floor(rand() * n) * dims;
    const v = new Float32Array(dims);
    for (let j = 0; j < dims; j++) v[j] = data[o + j] + sd * g();
    normalise(v, 0, dims);
    out.push(v);
  }
  return out;
}

/**
 * Exact cosine top-k over L2-normalised rows of a row-major `matrix` (rows × dims) by dot product.
 * The query should be normalised too (scores are raw dot products). Results are sorted by score
 * descending, ties broken by lower id; at most min(k, rows) results.
 */
export function bruteForceTopK(
  matrix: Float32Array,
  dims: number,
  query: Float32Array | number[],
  k: number,
): { ids: number[]; scores: number[] } {
  if (dims <= 0 || matrix.length % dims !== 0) throw new Error(`matrix length ${matrix.length} is not a multiple of dims ${dims}`);
  if (query.length !== dims) throw new Error(`query has ${query.length} dims, expected ${dims}`);
  const rows = matrix.length / dims;
  const cap = Math.max(0, Math.min(Math.floor(k), rows));
  if (cap === 0) return { ids: [], scores: [] };
  const q = query instanceof Float32Array ? query : Float32Array.from(query);
  // Min-heap on (score asc, id desc): the root is the worst kept result.
  const hs = new Float64Array(cap);
  const hi = new Int32Array(cap);
  let size = 0;
  const d4 = dims - (dims % 4);
  for (let r = 0, o = 0; r < rows; r++, o += dims) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      s0 += matrix[o + j] * q[j];
      s1 += matrix[o + j + 1] * q[j + 1];
      s2 += matrix[o + j + 2] * q[j + 2];
      s3 += matrix[o + j + 3] * q[j + 3];
    }
    for (; j < dims; j++) s0 += matrix[o + j] * q[j];
    const s = s0 + s1 + s2 + s3;
    if (size < cap) {
      // Sift up. Ids arrive ascending, so on equal scores the newcomer is "worse".
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (hs[p] < s || (hs[p] === s && hi[p] > r)) break;
        hs[c] = hs[p];
        hi[c] = hi[p];
        c = p;
      }
      hs[c] = s;
      hi[c] = r;
    } else if (s > hs[0]) {
      // Equal score never replaces: the kept item has a lower id. Sift down from the root.
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= cap) break;
        let m = l;
        const rr = l + 1;
        if (rr < cap && (hs[rr] < hs[l] || (hs[rr] === hs[l] && hi[rr] > hi[l]))) m = rr;
        if (hs[m] > s || (hs[m] === s && hi[m] < r)) break;
        hs[c] = hs[m];
        hi[c] = hi[m];
        c = m;
      }
      hs[c] = s;
      hi[c] = r;
    }
  }
  const order = Array.from({ length: size }, (_, i) => i);
  order.sort((a, b) => hs[b] - hs[a] || hi[a] - hi[b]);
  return { ids: order.map((i) => hi[i]), scores: order.map((i) => hs[i]) };
}

const yieldToLoop = (): Promise<void> => new Promise((res) => setImmediate(res));

/**
 * For each size: generate seeded clustered data and noisy queries, build an HNSW cosine index,
 * and measure mean per-query latency (after a warm-up of up to 10 queries) and recall@k of HNSW
 * against {@link bruteForceTopK}. Sizes run sequentially; each index is dropped before the next.
 */
export async function runScaling(opts: ScalingOptions): Promise<ScalingRow[]> {
  const { sizes, dims } = opts;
  const nq = opts.queries ?? 200;
  const k = opts.k ?? 10;
  const seed = opts.seed ?? 42;
  const M = opts.M ?? 16;
  const efC = opts.efConstruction ?? 100;
  const ef = Math.max(opts.efSearch ?? 64, k);
  const log = opts.onProgress ?? (() => {});
  if (!Number.isInteger(dims) || dims <= 0) throw new Error(`dims must be a positive integer, got ${dims}`);
  if (!Number.isInteger(nq) || nq <= 0) throw new Error(`queries must be a positive integer, got ${nq}`);
  if (!Number.isInteger(k) || k <= 0) throw new Error(`k must be a positive integer, got ${k}`);
  const rows: ScalingRow[] = [];
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < k) throw new Error(`size must be an integer ≥ k (${k}), got ${n}`);
    const rand = mulberry32(seed ^ Math.imul(n, 0x9e3779b1));
    const t0 = performance.now();
    const data = clusteredData(n, dims, 0.8, rand);
    const queries = noisyQueries(data, dims, nq, 0.3, rand);
    const qArrays = queries.map((q) => Array.from(q));
    log(`n=${n}: generated ${n}×${dims} in ${((performance.now() - t0) / 1000).toFixed(1)} s; building HNSW`);
    await yieldToLoop();

    const index = new HierarchicalNSW('cosine', dims);
    const tb = performance.now();
    index.initIndex({ maxElements: n, m: M, efConstruction: efC, randomSeed: seed });
    for (let i = 0; i < n; i++) {
      index.addPoint(Array.from(data.subarray(i * dims, (i + 1) * dims)), i);
      if (i > 0 && i % 20000 === 0) log(`n=${n}: added ${i}`);
    }
    const buildSeconds = (performance.now() - tb) / 1000;
    index.setEf(ef);
    log(`n=${n}: built in ${buildSeconds.toFixed(1)} s; searching`);
    await yieldToLoop();

    const warm = Math.min(10, nq);
    for (let i = 0; i < warm; i++) {
      index.searchKnn(qArrays[i], k);
      bruteForceTopK(data, dims, queries[i], k);
    }
    const hnswIds: number[][] = new Array(nq);
    let th = performance.now();
    for (let i = 0; i < nq; i++) hnswIds[i] = index.searchKnn(qArrays[i], k).neighbors;
    const hnswMs = (performance.now() - th) / nq;
    const exactIds: number[][] = new Array(nq);
    th = performance.now();
    for (let i = 0; i < nq; i++) exactIds[i] = bruteForceTopK(data, dims, queries[i], k).ids;
    const bruteMs = (performance.now() - th) / nq;

    let hits = 0;
    for (let i = 0; i < nq; i++) {
      const exact = new Set(exactIds[i]);
      for (const id of hnswIds[i]) if (exact.has(id)) hits++;
    }
    const row: ScalingRow = { chunks: n, hnswMs, bruteMs, recallVsExact: hits / (nq * k), buildSeconds };
    log(`n=${n}: hnsw ${hnswMs.toFixed(3)} ms, brute ${bruteMs.toFixed(3)} ms, recall ${row.recallVsExact.toFixed(3)}`);
    rows.push(row);
    await yieldToLoop();
  }
  return rows;
}
