import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/bot/callback-data.js';

describe('decodeAction', () => {
  it('returns the chunk id of an English reference gloss (ids ending in :tr)', () => {
    const data = encodeAction({ kind: 'orig', chunkId: 'en:references/1:1:tr' });
    expect(data).toBe('v1:orig:en:references/1:1:tr');
    expect(decodeAction(data)).toEqual({ kind: 'orig', chunkId: 'en:references/1:1:tr' });
  });
});
