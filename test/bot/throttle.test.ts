import { describe, expect, it } from 'vitest';
import { TELEGRAM_LIMITS, throttle } from '../../src/bot/throttle.js';

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
  it(
    'lets four messages to one private chat go at once, then one a second',
    async () => {
      const d = await delays(Array.from({ length: 6 }, () => ({ method: 'sendMessage', chat_id: 7 })));
      expect(d.slice(0, 4).every((ms) => ms < 300)).toBe(true);
      expect(d[4]).toBeGreaterThanOrEqual(900);
      expect(d[5]).toBeGreaterThanOrEqual(1900);
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );

  it(
    'sends 30 messages at once in all, then 30 a second, and does not hold back chat actions',
    async () => {
      const d = await delays([
        ...Array.from({ length: 90 }, (_, i) => ({ method: 'sendMessage', chat_id: 100 + i })),
        ...Array.from({ length: 10 }, () => ({ method: 'sendChatAction', chat_id: 7 })),
      ]);
      const messages = d.slice(0, 90).sort((a, b) => a - b);
      expect(messages[29]).toBeLessThan(300);
      expect(messages[30]).toBeGreaterThanOrEqual(25);
      expect(messages[59]).toBeGreaterThanOrEqual(950);
      expect(messages[89]).toBeGreaterThanOrEqual(1950);
      expect(d.slice(90).every((ms) => ms < 300)).toBe(true);
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );

  it(
    'paces edits within their own chat only: 90 confirmations to 90 chats and a new message to another all go at once',
    async () => {
      const d = await delays([
        ...Array.from({ length: 90 }, (_, i) => ({ method: 'editMessageText', chat_id: 100 + i })),
        { method: 'sendMessage', chat_id: 7 },
      ]);
      expect(d.filter((ms) => ms >= 300)).toEqual([]);
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );

  it(
    'counts an edit against its chat: four messages and edits to one chat go at once, the fifth a second later',
    async () => {
      const methods = ['sendMessage', 'editMessageText', 'sendMessage', 'editMessageText', 'editMessageText'];
      const d = await delays(methods.map((method) => ({ method, chat_id: 7 })));
      expect(d.slice(0, 4).every((ms) => ms < 300)).toBe(true);
      expect(d[4]).toBeGreaterThanOrEqual(900);
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );

  it(
    'paces a group at 3 at once, then one every 3 s',
    async () => {
      const d = await delays(Array.from({ length: 4 }, () => ({ method: 'sendMessage', chat_id: -100123 })));
      expect(d.slice(0, 3).every((ms) => ms < 300)).toBe(true);
      expect(d[3]).toBeGreaterThanOrEqual(2900);
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );

  it(
    'takes each of 20,000 new chats in constant time (no limiter object per chat)',
    async () => {
      const t = throttle({ ...TELEGRAM_LIMITS, global: { burst: 1e9, everyMs: 1e-6 } }) as any;
      const prev = async () => ({ ok: true, result: true });
      const started = performance.now();
      await Promise.all(Array.from({ length: 20_000 }, (_, i) => t(prev, 'sendMessage', { chat_id: i + 1, text: 'x' })));
      expect(performance.now() - started).toBeLessThan(2000); // grammY's throttler plugin: about 70 s here
    },
    THROTTLE_TEST_TIMEOUT_MS,
  );
});
