import type { Lang } from '../corpus/types.js';
import { stem, words } from '../text/fold.js';
import { isStopword } from '../text/stopwords.js';

/**
 * The stems of a text's content words (no stop words, no one-letter words), by the rule retrieval
 * matches words with (`stem` in `lang`), so the sentence a reply shows agrees with the ranking.
 */
export function keyStems(text: string, lang: Lang): Set<string> {
  return new Set(
    words(text)
      .filter((w) => w.length > 1 && !isStopword(w))
      .map((w) => stem(w, lang)),
  );
}

/**
 * Index of the sentence most relevant to the question: the most question word stems, each
 * weighted by 1 / (number of the passage's sentences that contain it), so a word every sentence
 * repeats counts little. Ties go to the earlier sentence; -1 when no sentence shares a word.
 * Question and sentences are stemmed by the rules of `lang`, the passage's language.
 * ```ts
 * bestSentence(['AI is new.', 'The AI Act ranks risk.'], 'What does the AI Act say?', 'en') // → 1
 * ```
 */
export function bestSentence(sentences: string[], question: string, lang: Lang): number {
  const wanted = keyStems(question, lang);
  if (wanted.size === 0) return -1;
  const sets = sentences.map((s) => keyStems(s, lang));
  const df = new Map<string, number>();
  for (const set of sets) for (const p of set) if (wanted.has(p)) df.set(p, (df.get(p) ?? 0) + 1);
  let best = -1;
  let bestScore = 0;
  sets.forEach((set, i) => {
    let score = 0;
    for (const p of set) if (df.has(p)) score += 1 / df.get(p)!;
    if (score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
