import type { Term } from '../text/analyze.js';
import { isAboutSection, isMetaSection } from './topics.js';

/** Weights of the fused score. */
export interface FusionWeights {
  /** Vector similarity, min-max normalised over the neighbours found. */
  vector: number;
  /** BM25 over stems and concepts, normalised by the best chunk. */
  lexical: number;
  /** Share of the question's weight found together in one sentence of the chunk. */
  sentence: number;
  /** Bonus for chunks of a section the question names ("the fourth finding", "methods", "keywords"). */
  section: number;
}

export const DEFAULT_WEIGHTS: FusionWeights = { vector: 0.2, lexical: 0.3, sentence: 0.45, section: 0.4 };

/** What the sections about the article (`META_SECTIONS`) count unless the question names them. */
export const META_PRIOR = 0.8;
/**
 * The same for the sections about the authors and the publication when a question speaks of "the authors" as the article's voice ("what do
 * the authors propose?").
 */
export const VOICE_PRIOR = 0.5;
/**
 * What the Methods section counts unless the question names it: it says how the study looked at a
 * subject ("the systemic method … civil law, criminal law …"), not what it found, so "which problems of
 * criminal law does AI raise?" gets the finding first.
 */
export const METHODS_PRIOR = 0.9;

/** The parts of one chunk's score, each in [0, 1]. */
export interface ScoreParts {
  /** BM25 score over the best chunk's. */
  lexical: number;
  /** Min-max normalised vector similarity (0 for a chunk the vector search did not return). */
  vector: number;
  /** Share of the question's weight found in the chunk's best sentence. */
  sentence: number;
  /** Share of the question that names the chunk's section (0 when none does). */
  named: number;
}

/** The fused score: the prior scales the evidence, naming the section adds its bonus. Pure. */
export function fuse(parts: ScoreParts, prior: number, weights: FusionWeights = DEFAULT_WEIGHTS): number {
  return (
    prior * (weights.lexical * parts.lexical + weights.vector * parts.vector + weights.sentence * parts.sentence) +
    weights.section * parts.named
  );
}

/**
 * How much a chunk's evidence counts by its section: fully in a section the question names, else
 * `VOICE_PRIOR` in the author and publication sections when the question speaks of "the authors"
 * as the article's voice, else `METHODS_PRIOR` in Methods, `META_PRIOR` in the sections about the
 * article, else fully.
 */
export function sectionPrior(sectionId: string, named: number, voice: boolean): number {
  if (named > 0) return 1;
  if (voice && isAboutSection(sectionId)) return VOICE_PRIOR;
  if (sectionId === 'methods') return METHODS_PRIOR;
  return isMetaSection(sectionId) ? META_PRIOR : 1;
}

/**
 * Vector similarities of the neighbours found, min-max normalised into one value per chunk (0 for the others; all 1 when they are equal).
 */
export function normaliseVector(found: { ids: number[]; scores: number[] }, chunkCount: number): Float64Array {
  const vector = new Float64Array(chunkCount);
  const top = Math.max(...found.scores);
  const bottom = Math.min(...found.scores);
  found.ids.forEach((id, i) => {
    vector[id] = top > bottom ? (found.scores[i] - bottom) / (top - bottom) : 1;
  });
  return vector;
}

/** The largest summed weight of the question's `tokens` found together in one of the sentences (0 for none). */
export function bestSentenceWeight(sentences: ReadonlyArray<ReadonlySet<string>>, tokens: string[], weights: number[]): number {
  let best = 0;
  for (const set of sentences) {
    let s = 0;
    tokens.forEach((t, k) => {
      if (set.has(t)) s += weights[k];
    });
    best = Math.max(best, s);
  }
  return best;
}

/**
 * The sections a question names and the share of the question's weight that names each: 1 for "the
 * fourth finding", small when "authors" is one word of a long question. `weightOf` is a term's
 * weight, `sectionsOf` the sections a concept steers to.
 */
export function namedSections(
  terms: Term[],
  weightOf: (t: Term) => number,
  sectionsOf: ReadonlyMap<string, string[]>,
): Map<string, number> {
  const total = terms.reduce((sum, t) => sum + weightOf(t), 0);
  const targets = new Map<string, number>();
  for (const t of terms) {
    for (const s of new Set(t.concepts.flatMap((id) => sectionsOf.get(id) ?? [])))
      targets.set(s, (targets.get(s) ?? 0) + weightOf(t) / total);
  }
  return targets;
}

/**
 * The share of the question naming a section (`namedSections`) that a chunk of `sectionId` gets: its own section's or its parent's, the
 * larger; else 0.
 */
export function namedShare(targets: ReadonlyMap<string, number>, sectionId: string): number {
  return Math.max(0, ...[...targets].filter(([s]) => sectionId === s || sectionId.startsWith(`${s}/`)).map(([, share]) => share));
}
