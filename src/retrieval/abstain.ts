import type { Term } from '../text/analyze.js';
import { CONCEPT_PREFIX } from '../text/analyze.js';

/**
 * The rule that decides "the article does not say": the share of the question's content words
 * (weighted by how rare they are in the article) that the best passage covers, by stem or by a
 * glossary concept. A question whose words the article never uses gets coverage 0.
 */
export interface AbstentionRule {
  kind: 'coverage';
  /** Answer only when coverage ≥ this. */
  minCoverage: number;
}

/**
 * Calibrated on the dev set per embedder (`npm run eval` prints coverage per question). The rule is
 * lexical, so it transfers across embedders; it is still recorded in each index meta.
 */
export const DEFAULT_ABSTENTION: AbstentionRule = { kind: 'coverage', minCoverage: 0.34 };

/**
 * Coverage of the question terms by a passage's token set, in [0, 1].
 * @param idf rarity of a token in the article (unknown tokens should get the highest value).
 */
export function coverage(terms: Term[], has: (token: string) => boolean, idf: (token: string) => number): number {
  let total = 0;
  let covered = 0;
  for (const t of terms) {
    const weights = [t.stem, ...t.concepts.map((c) => CONCEPT_PREFIX + c)].map(idf);
    // a bare number ("2024") is weak evidence on its own
    const w = Math.max(...weights) * (/^\d+$/.test(t.stem) ? 0.5 : 1);
    total += w;
    if (has(t.stem) || t.concepts.some((c) => has(CONCEPT_PREFIX + c))) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

