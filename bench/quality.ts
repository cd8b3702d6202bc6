import MiniSearch from 'minisearch';
import type { Chunk } from '../src/chunking/chunk.js';
import type { EvalItem, EvalResult, Scores } from '../src/eval/score.js';
import { score } from '../src/eval/score.js';
import type { ArticleService } from '../src/retrieval/types.js';
import { bruteForceTopK } from './scaling.js';
import type { VectorSearch } from '../src/retrieval/scorer.js';

/** Something that answers eval questions: ours or a peer. */
export interface Retriever {
  name: string;
  ask(question: string): Promise<EvalResult>;
}

export interface QualityRow {
  name: string;
  scores: Scores;
  latencyMs: { p50: number; p95: number };
}

/** Our service as a retriever (top 5 passages). */
export function serviceRetriever(name: string, service: ArticleService): Retriever {
  return { name, ask: (q) => service.ask(q, { limit: 5 }) };
}

/**
 * Peer (a): MiniSearch with its default settings over the same chunks (text field only), top 5
 * chunks as passages; it never abstains unless nothing matches.
 */
export function miniSearchRetriever(chunks: Chunk[]): Retriever {
  const engine = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  engine.addAll(chunks.map((c, id) => ({ id, text: c.text })));
  return {
    name: 'MiniSearch (default settings)',
    async ask(q) {
      const hits = engine.search(q).slice(0, 5);
      return { answered: hits.length > 0, passages: hits.map((h) => chunks[h.id as number]) };
    },
  };
}

/** Exact brute-force cosine search over a matrix of L2-normalised chunk vectors (peer c's search). */
export function bruteForceSearch(vectors: number[][]): VectorSearch {
  const dims = vectors[0]?.length ?? 0;
  const matrix = new Float32Array(vectors.length * dims);
  for (const [i, v] of vectors.entries()) matrix.set(v, i * dims);
  return (q, k) => bruteForceTopK(matrix, dims, q, k);
}

/** Runs a retriever over an eval set: scores and per-question latency percentiles (ms). */
export async function measure(retriever: Retriever, items: EvalItem[], rounds = 3): Promise<QualityRow> {
  const results: EvalResult[] = [];
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, item] of items.entries()) {
      const t0 = performance.now();
      const res = await retriever.ask(item.q);
      times.push(performance.now() - t0);
      if (r === 0) results[i] = res;
    }
  }
  return { name: retriever.name, scores: score(items, results), latencyMs: percentiles(times) };
}

/** p50 and p95 of a list of durations, rounded to 0.01 ms. */
export function percentiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}

const round = (x: number) => Math.round(x * 100) / 100;
