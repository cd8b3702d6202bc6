import { describe, expect, it } from 'vitest';
import { throttle } from '../../src/bot/throttle.js';

/** Sends every payload through a fresh throttle at once; resolves with each call's delay (ms) in payload order. */
async function delays(calls: Array<{ method: string; chat_id: number }>): Promise<number[]> {
  const t = throttle() as any;
  const started = performance.now();
  const prev = async () => ({ ok: true, result: performance.now() - started });
  const results = await Promise.all(calls.map((c) => t(prev, c.method, { chat_id: c.chat_id, text: 'x' }, undefined)));
  return results.map((r: { result: number }) => r.result);
}

/** Telegram's limits as waits: about one second per step past the first bucket. */
const THROTTLE_TEST_TIMEOUT_MS = 10_000;

describe('throttle', () => {
  it('lets four messages to one private chat go at once, then one a second', async () => {
    const d = await delays(Array.from({ length: 6 }, () => ({ method: 'sendMessage', chat_id: 7 })));
    expect(d.slice(0, 4).every((ms) => ms < 300)).toBe(true);
    expect(d[4]).toBeGreaterThanOrEqual(900);
    expect(d[5]).toBeGreaterThanOrEqual(1900);
  }, THROTTLE_TEST_TIMEOUT_MS);

  it('sends at most 30 messages a second in all, and does not hold back chat actions', async () => {
    const d = await delays([
      ...Array.from({ length: 40 }, (_, i) => ({ method: 'sendMessage', chat_id: 100 + i })),
      ...Array.from({ length: 10 }, () => ({ method: 'sendChatAction', chat_id: 7 })),
    ]);
    const messages = d.slice(0, 40).sort((a, b) => a - b);
    expect(messages[29]).toBeLessThan(500);
    expect(messages[30]).toBeGreaterThanOrEqual(500);
    expect(d.slice(40).every((ms) => ms < 300)).toBe(true);
  }, THROTTLE_TEST_TIMEOUT_MS);
});
