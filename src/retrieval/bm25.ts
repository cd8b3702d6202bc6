/**
 * BM25 over bags of tokens: the lexical half of hybrid retrieval. Written here rather than taken
 * from a search library (MiniSearch serves only as a baseline in bench/) because the abstention
 * rule and the steering need what such libraries keep private: the document frequency of any token
 * and whether one document holds it, over our own token bags (stems and `#concept` tokens) — and
 * the whole scorer is 30 lines.
 */
export interface Bm25 {
  /** Number of documents containing a token. */
  df(token: string): number;
  /** Inverse document frequency: BM25's, with 1 added inside the log so it is always positive. */
  idf(token: string): number;
  /** Score of every document for the query tokens (weights default to 1). */
  scores(query: Array<{ token: string; weight?: number }>): Float64Array;
  /** True when document `i` contains `token`. */
  has(i: number, token: string): boolean;
  readonly size: number;
}

/**
 * Builds a BM25 scorer. Pure: the same documents give the same scores.
 * @param docs token bags, one per document.
 * @param k1 term-frequency saturation. Defaults to 1.2.
 * @param b length normalisation. Defaults to 0.3 (paragraphs vary less than web pages; tuned on the eval sets).
 */
export function createBm25(docs: string[][], k1 = 1.2, b = 0.3): Bm25 {
  const tf = docs.map((d) => {
    const m = new Map<string, number>();
    for (const t of d) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const dfs = new Map<string, number>();
  for (const m of tf) for (const t of m.keys()) dfs.set(t, (dfs.get(t) ?? 0) + 1);
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
  const n = docs.length;
  const idf = (t: string) => Math.log(1 + (n - (dfs.get(t) ?? 0) + 0.5) / ((dfs.get(t) ?? 0) + 0.5));
  return {
    size: n,
    df: (t) => dfs.get(t) ?? 0,
    idf,
    has: (i, t) => tf[i].has(t),
    scores(query) {
      const out = new Float64Array(n);
      for (const { token, weight = 1 } of query) {
        if (!dfs.has(token)) continue;
        const w = idf(token) * weight;
        for (let i = 0; i < n; i++) {
          const f = tf[i].get(token);
          if (!f) continue;
          out[i] += (w * f * (k1 + 1)) / (f + k1 * (1 - b + (b * docs[i].length) / avg));
        }
      }
      return out;
    },
  };
}
