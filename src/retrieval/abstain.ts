import type { Term } from '../text/analyze.js';
import { CONCEPT_PREFIX } from '../text/analyze.js';
import type { AbstentionRule } from '../index/abstention-rule.js';

/**
 * Calibrated on the dev set per embedder (`npm run eval` prints coverage per question). The rule is
 * lexical, so it transfers across embedders; it is still recorded in each index meta.
 */
export const DEFAULT_ABSTENTION: AbstentionRule = { kind: 'coverage', minCoverage: 0.34 };

/** The rule is met when one of this many best places covers the question (not just the very first one). */
export const COVERAGE_PLACES = 3;

export interface CoverageInputs {
  has: (token: string) => boolean;
  known: (token: string) => boolean;
  idf: (token: string) => number;
  names?: ReadonlySet<string>;
  /** The stem of the word the question asks about (src/text/focus.ts), when it has one. */
  focus?: string;
}

/** Weight of a word the article never uses, relative to the rarest word it does use. */
export const UNKNOWN_WORD_WEIGHT = 0.5;
/** … and of the thing a question asks for ("Какие штрафы …?") when the article never uses it. */
export const UNKNOWN_FOCUS_WEIGHT = 2;

/**
 * Coverage of the question terms by a passage's token set, in [0, 1]. A word of a glossary concept
 * weighs what its meaning weighs (the concept's rarity), as in the search; a word the article never
 * uses weighs `UNKNOWN_WORD_WEIGHT` of the highest rarity; a bare number weighs half. A name the
 * article never uses (capitalised inside the question, or a country: "China", "Китае") makes the
 * coverage 0: the subject of the question is not in the article, whatever else it shares with it.
 * `has` tells whether the passage has a token, `known` whether the article has it anywhere, `idf`
 * how rare it is (unknown tokens get the highest value); `names` are the stems of the question's
 * capitalised words after its first. The thing a question asks about (`focus`: "штрафы" in "Какие
 * штрафы предусматривает AI Act?"), when the article never uses it, weighs `UNKNOWN_FOCUS_WEIGHT`:
 * the rest of the question then has to be covered well for an answer.
 */
export function coverage(terms: Term[], article: CoverageInputs): number {
  const { has, known, idf, names = new Set<string>(), focus } = article;
  let total = 0;
  let covered = 0;
  for (const t of terms) {
    const tokens = t.concepts.length > 0 ? t.concepts.map((c) => CONCEPT_PREFIX + c) : [t.stem];
    const unknown = !tokens.some(known);
    if (unknown && names.has(t.stem)) return 0;
    const base = Math.max(...tokens.map(idf)) * (!unknown ? 1 : t.stem === focus ? UNKNOWN_FOCUS_WEIGHT : UNKNOWN_WORD_WEIGHT);
    const w = base * (/^\d+$/.test(t.stem) ? 0.5 : 1);
    total += w;
    if (has(t.stem) || t.concepts.some((c) => has(CONCEPT_PREFIX + c))) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}
