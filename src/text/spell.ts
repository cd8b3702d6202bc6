import { fold } from './fold.js';
import { isStopword } from './stopwords.js';

/** Corrects misspelt words against a vocabulary (the article's own words and the glossary's). */
export interface Speller {
  /** The vocabulary word closest to `word` (folded) within the allowed distance, or undefined. */
  correct(word: string): string | undefined;
  /** The text with each misspelt word replaced by its (folded) correction; everything else unchanged. */
  correctText(text: string): string;
}

/**
 * Edits allowed for a word: Latin words 1 from 5 letters and 2 from 10; Cyrillic words (Kazakh and
 * Russian inflect heavily, so a near word is often another word: never more than 1) 1 from 5 letters.
 */
export function allowedEdits(word: string): number {
  const n = word.length;
  if (/^[a-z]+$/.test(word)) return n < 5 ? 0 : n < 10 ? 1 : 2;
  return n < 5 ? 0 : 1;
}

/**
 * Builds a speller. Words already in the vocabulary, function words and numbers are never changed;
 * ties go to the more frequent word. Pure given the vocabulary.
 */
export function createSpeller(vocabulary: Iterable<string>): Speller {
  const freq = new Map<string, number>();
  for (const w of vocabulary) freq.set(w, (freq.get(w) ?? 0) + 1);
  const byLength = new Map<number, string[]>();
  for (const w of freq.keys()) {
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  function correct(word: string): string | undefined {
    if (freq.has(word) || isStopword(word) || /\d/.test(word)) return undefined;
    const max = allowedEdits(word);
    if (max === 0) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of byLength.get(len) ?? []) {
        const d = distance(word, candidate, bestDistance);
        if (d < bestDistance || (d === bestDistance && best !== undefined && freq.get(candidate)! > freq.get(best)!)) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return bestDistance <= max ? best : undefined;
  }
  return {
    correct,
    correctText: (text) => text.replace(/[\p{L}\p{N}]+/gu, (w) => correct(fold(w)) ?? w),
  };
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping above `limit`. */
export function distance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}
