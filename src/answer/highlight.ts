import { fold } from '../text/fold.js';
import { isStopword } from '../text/stopwords.js';

/** Letters compared between question and sentence words (Kazakh and Russian inflect at the end). */
export const PREFIX_LENGTH = 5;


/** The lower-cased, Kazakh-folded word prefixes of a text that carry meaning (no stop words). */
export function keyPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length < 2 || isStopword(word)) continue;
    out.add(word.slice(0, PREFIX_LENGTH));
  }
  return out;
}

/**
 * Index of the sentence most relevant to the question: the most question word prefixes, each
 * weighted by 1 / (number of the passage's sentences that contain it), so a word every sentence
 * repeats counts little. Ties go to the earlier sentence; -1 when no sentence shares a word.
 * ```ts
 * bestSentence(['AI is new.', 'The AI Act ranks risk.'], 'What does the AI Act say?') // → 1
 * ```
 */
export function bestSentence(sentences: string[], question: string): number {
  const wanted = keyPrefixes(question);
  if (wanted.size === 0) return -1;
  const sets = sentences.map((s) => keyPrefixes(s));
  const df = new Map<string, number>();
  for (const set of sets) for (const p of set) if (wanted.has(p)) df.set(p, (df.get(p) ?? 0) + 1);
  let best = -1;
  let bestScore = 0;
  sets.forEach((set, i) => {
    let score = 0;
    for (const p of set) if (df.has(p)) score += 1 / df.get(p)!;
    if (score > bestScore + 1e-9) { best = i; bestScore = score; }
  });
  return best;
}
