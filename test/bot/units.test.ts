import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/bot/callback-data.js';
import { questionText } from '../../src/bot/group.js';
import { createLogger, redact } from '../../src/log.js';
import { createRateLimiter } from '../../src/bot/rate-limit.js';

describe('encodeAction / decodeAction', () => {
  it('round-trips every action kind', () => {
    for (const a of [
      { kind: 'ex', lang: 'kk', index: 2 },
      { kind: 'more', offset: 3, key: 'AbC_-12345' },
      { kind: 'more', offset: 3, key: 'AbC_-12345', owner: 5_000_000_001 },
      { kind: 'orig', chunkId: 'ru:results/finding-4:1' },
      { kind: 'langs', chunkId: 'en:discussion:12' },
      { kind: 'sec', sectionId: 'author-contributions' },
      { kind: 'lang', lang: 'ru' },
    ] as const)
      expect(decodeAction(encodeAction(a))).toEqual(a);
    expect(encodeAction({ kind: 'more', offset: 3, key: 'AbC_-12345' })).toBe('v1:more:3:AbC_-12345');
    expect(encodeAction({ kind: 'more', offset: 3, key: 'AbC_-12345', owner: 7001 })).toBe('v1:more:3:AbC_-12345:7001');
  });

  it('refuses data over 64 bytes and malformed fields', () => {
    expect(encodeAction({ kind: 'sec', sectionId: 'x'.repeat(60) })).toBeUndefined();
    for (const bad of [
      undefined,
      '',
      'v2:lang:ru',
      'v1:lang:de',
      'v1:more:0:AAAAAAAAAA',
      'v1:more:3:short',
      'v1:more:3:AAAAAAAAAA:0',
      'v1:more:3:AAAAAAAAAA:-5',
      'v1:more:3:AAAAAAAAAA:1:2',
      'v1:orig:en:a:b:c',
      'v1:sec:A/B',
      'v1:ex:en:3',
      'v1:nope:x',
    ]) {
      expect(decodeAction(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('createRateLimiter', () => {
  it('allows max hits per window, notifies once, then resets', () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 2, windowMs: 10_000, now: () => now });
    expect([limiter.hit('u'), limiter.hit('u'), limiter.hit('v')].map((v) => v.ok)).toEqual([true, true, true]);
    now = 2500;
    expect(limiter.hit('u')).toEqual({ ok: false, notify: true, retryAfterS: 8 });
    expect(limiter.hit('u')).toEqual({ ok: false, notify: false, retryAfterS: 8 });
    now = 10_000;
    expect(limiter.hit('u')).toEqual({ ok: true, notify: false, retryAfterS: 0 });
  });
});

describe('questionText', () => {
  it('removes mentions of the bot only', () => {
    expect(questionText('@Article_QA_bot  what is  the AI Act? cc @someone', 'article_qa_bot')).toBe('what is the AI Act? cc @someone');
    expect(questionText('@article_qa_bot_two hi', 'article_qa_bot')).toBe('@article_qa_bot_two hi');
  });
});

describe('redact and createLogger', () => {
  it('replaces the token, its encoded form and its secret half', () => {
    const token = '4242:TEST-fake-bot-api-token';
    expect(redact(`a ${token} b ${encodeURIComponent(token)} c TEST-fake-bot-api-token`, [token])).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', secrets: [token], write: (l) => lines.push(l), now: () => new Date(0) });
    log.info('hidden');
    log.warn(`url /bot${token}/getMe`);
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z WARN url /bot[redacted]/getMe']);
  });
});
