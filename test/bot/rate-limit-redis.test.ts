import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from '../../src/bot/rate-limit-redis.js';
import type { RateVerdict } from '../../src/bot/rate-limit.js';
import { connectRedis, type RedisConnection } from '../../src/state/redis-connection.js';
import { memoryLogger } from '../support/memory-logger.js';
import { startRedis, REDIS_START_TIMEOUT_MS, REDIS_STOP_TIMEOUT_MS, type RedisServer } from '../support/redis.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

/** A window short enough to wait out in a test. */
const SHORT_WINDOW_MS = 300;
/** How long the connection may take to notice Redis is back. */
const RECOVERY_TIMEOUT_MS = 3_000;

let redis: RedisServer;
let admin: Redis;
const conns: RedisConnection[] = [];
const connect = async () => {
  const c = await connectRedis(redis.url, { logger: memoryLogger(), maxReconnectDelayMs: 100, probeIntervalMs: 100 });
  conns.push(c);
  return c;
};
const count = (vs: RateVerdict[]) => ({
  ok: vs.filter((v) => v.ok).length,
  notified: vs.filter((v) => v.notify).length,
  refused: vs.filter((v) => !v.ok).length,
});

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url);
}, REDIS_START_TIMEOUT_MS + 2000);
afterEach(async () => {
  await Promise.all(conns.splice(0).map((c) => c.close()));
  if (admin.status === 'ready') await admin.flushdb();
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.close();
});

describe('createRedisRateLimiter', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('lets exactly max hits through across two replicas hitting at once, and notifies once', async () => {
    const [a, b] = [createRedisRateLimiter(await connect(), { max: 8 }), createRedisRateLimiter(await connect(), { max: 8 })];
    const hits: Array<Promise<RateVerdict>> = [];
    for (let i = 0; i < 10; i++) hits.push(Promise.resolve(a.hit('42')), Promise.resolve(b.hit('42')));
    const verdicts = await Promise.all(hits);
    expect(count(verdicts)).toEqual({ ok: 8, notified: 1, refused: 12 });
    expect(await admin.get('article-bot:rate:42')).toBe('20');
  });

  it('counts each user on their own and says how long to wait', async () => {
    const limiter = createRedisRateLimiter(await connect(), { max: 2, windowMs: 20_000 });
    expect(await limiter.hit('1')).toEqual({ ok: true, notify: false, retryAfterS: 0 });
    expect(await limiter.hit('1')).toEqual({ ok: true, notify: false, retryAfterS: 0 });
    expect(await limiter.hit('2')).toEqual({ ok: true, notify: false, retryAfterS: 0 });
    expect(await limiter.hit('1')).toEqual({ ok: false, notify: true, retryAfterS: 20 });
    expect(await limiter.hit('1')).toEqual({ ok: false, notify: false, retryAfterS: 20 });
  });

  it('lets the counter expire with its window, then counts afresh', async () => {
    const limiter = createRedisRateLimiter(await connect(), { max: 1, windowMs: SHORT_WINDOW_MS, prefix: 'bot-b' });
    expect((await limiter.hit('7')).ok).toBe(true);
    expect(await limiter.hit('7')).toMatchObject({ ok: false, notify: true });
    const ttl = await admin.pttl('bot-b:rate:7');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SHORT_WINDOW_MS);
    await new Promise((r) => setTimeout(r, SHORT_WINDOW_MS + 50));
    expect(await admin.exists('bot-b:rate:7')).toBe(0);
    expect(await limiter.hit('7')).toEqual({ ok: true, notify: false, retryAfterS: 0 });
  });

  it('gives a counter left without expiry one', async () => {
    await admin.set('article-bot:rate:9', '3');
    const limiter = createRedisRateLimiter(await connect(), { max: 8, windowMs: 20_000 });
    expect((await limiter.hit('9')).ok).toBe(true);
    expect(await admin.get('article-bot:rate:9')).toBe('4');
    expect(await admin.pttl('article-bot:rate:9')).toBeGreaterThan(19_000);
  });

  it(
    'falls back to a limiter in memory while Redis is away, and shares the count again once it is back',
    async () => {
      const conn = await connect();
      const limiter = createRedisRateLimiter(conn, { max: 3, windowMs: 20_000 });
      expect((await limiter.hit('5')).ok).toBe(true);
      await redis.stop();
      const offline = [];
      for (let i = 0; i < 5; i++) offline.push(await limiter.hit('5'));
      expect(count(offline)).toEqual({ ok: 3, notified: 1, refused: 2 });
      await redis.start();
      const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
      while (!conn.up && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(conn.up).toBe(true);
      expect(await limiter.hit('5')).toEqual({ ok: true, notify: false, retryAfterS: 0 }); // Redis restarted empty: a new window
      expect(await admin.get('article-bot:rate:5')).toBe('1');
    },
    REDIS_STOP_TIMEOUT_MS + REDIS_START_TIMEOUT_MS + RECOVERY_TIMEOUT_MS + 2000,
  );
});
