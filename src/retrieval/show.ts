/**
 * How many of an answer's passages a reply shows: the best one always, each next one only while it
 * is nearly as relevant as the best (its score at least `minShare` of the best one's), at most
 * `max`. The rest waits behind "More". Lists ("the main findings") are shown whole instead.
 */
export interface ShowRule {
  /** Show a further passage when its score is at least this share of the best score. */
  minShare: number;
  /** Passages shown at most. */
  max: number;
}

/** Calibrated on the dev set and test/eval/extra.jsonl (`npm run eval -- --verbose` prints the scores). */
export const DEFAULT_SHOW: ShowRule = { minShare: 0.9, max: 2 };

/**
 * The number of passages to show, given their scores best first. Pure.
 * ```ts
 * shownCount([1.14, 0.59, 0.39], DEFAULT_SHOW) // → 1
 * shownCount([0.93, 0.93, 0.69], DEFAULT_SHOW) // → 2
 * ```
 */
export function shownCount(scores: number[], rule: ShowRule = DEFAULT_SHOW): number {
  if (scores.length === 0) return 0;
  let n = 1;
  while (n < Math.min(rule.max, scores.length) && scores[n] >= rule.minShare * scores[0]) n++;
  return n;
}
