// Defined beside the index meta that records it (src/index/store.ts); applied by src/retrieval/abstain.ts.

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

/** True for a value that is an `AbstentionRule` (as read back from an index's meta.json). */
export function isAbstentionRule(value: unknown): value is AbstentionRule {
  const rule = value as Partial<AbstentionRule> | null;
  return (
    typeof rule === 'object' &&
    rule !== null &&
    rule.kind === 'coverage' &&
    typeof rule.minCoverage === 'number' &&
    rule.minCoverage >= 0 &&
    rule.minCoverage <= 1
  );
}
