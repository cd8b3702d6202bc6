import { describe, expect, it } from 'vitest';
import { isAbstentionRule } from '../../src/index/abstention-rule.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

describe('isAbstentionRule', () => {
  it('returns true for a coverage rule with a share in [0, 1], as read back from a meta.json', () => {
    expect(isAbstentionRule(JSON.parse(JSON.stringify(DEFAULT_ABSTENTION)))).toBe(true);
    expect(isAbstentionRule({ kind: 'coverage', minCoverage: 0 })).toBe(true);
  });

  it('returns false for anything else', () => {
    for (const bad of [
      null,
      undefined,
      0.34,
      {},
      { minCoverage: 0.34 },
      { kind: 'coverage', minCoverage: '0.34' },
      { kind: 'coverage', minCoverage: 1.5 },
      { kind: 'score', minCoverage: 0.3 },
    ]) {
      expect(isAbstentionRule(bad)).toBe(false);
    }
  });
});
