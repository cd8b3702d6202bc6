import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { DEFAULT_SESSION_TTL_S, HANDLED_TTL_S, openRedisStore, type RedisStateStore } from '../../src/state/redis.js';
import { memoryLogger } from '../support/memory-logger.js';
import { startRedis, REDIS_START_TIMEOUT_MS, type RedisServer } from '../support/redis.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let redis: RedisServer;
let admin: Redis;
const open: RedisStateStore[] = [];
const store = async (options: { prefix?: string; logger?: Logger } = {}) => {
  const s = await openRedisStore(redis.url, { logger: options.logger ?? memoryLogger(), connectTimeoutMs: 2000, ...options });
  open.push(s);
  return s;
};

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url);
}, REDIS_START_TIMEOUT_MS + 2000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await admin.flushdb();
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.close();
});

describe('openRedisStore sessions', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('reads back what it wrote, as JSON under <prefix>:<namespace>:<key>, and forgets what it deleted', async () => {
    const s = await store();
    const users = s.sessions<{ lang?: string; n?: number[] }>('user');
    expect(await users.read('42')).toBeUndefined();
    await users.write('42', { lang: 'kk', n: [1, 2] });
    expect(await users.read('42')).toEqual({ lang: 'kk', n: [1, 2] });
    expect(await admin.get('article-bot:user:42')).toBe('{"lang":"kk","n":[1,2]}');
    await users.delete('42');
    expect(await users.read('42')).toBeUndefined();
    expect(await admin.exists('article-bot:user:42')).toBe(0);
  });

  it('shares state between two stores on the same Redis (two replicas)', async () => {
    const [a, b] = [await store(), await store()];
    await a.sessions<{ step: number }>('dialogue', { ttlS: 600 }).write('7', { step: 3 });
    expect(await b.sessions<{ step: number }>('dialogue', { ttlS: 600 }).read('7')).toEqual({ step: 3 });
  });

  it('gives every key a TTL: the namespace ttlS, else 90 days, renewed on every write', async () => {
    const s = await store();
    await s.sessions('dialogue', { ttlS: 1800 }).write('1', { a: 1 });
    await s.sessions('user').write('1', { lang: 'ru' });
    await s.markHandled(500);
    await admin.expire('article-bot:user:1', 10);
    await s.sessions('user').write('1', { lang: 'en' });
    const keys = (await admin.keys('*')).sort();
    expect(keys).toEqual(['article-bot:dialogue:1', 'article-bot:handled:500', 'article-bot:user:1']);
    const ttl = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await admin.ttl(k)] as const)));
    expect(ttl['article-bot:dialogue:1']).toBeGreaterThan(1800 - 5);
    expect(ttl['article-bot:dialogue:1']).toBeLessThanOrEqual(1800);
    expect(ttl['article-bot:user:1']).toBeGreaterThan(DEFAULT_SESSION_TTL_S - 5);
    expect(ttl['article-bot:user:1']).toBeLessThanOrEqual(DEFAULT_SESSION_TTL_S);
    expect(ttl['article-bot:handled:500']).toBeGreaterThan(HANDLED_TTL_S - 5);
    expect(DEFAULT_SESSION_TTL_S).toBe(90 * 24 * 3600);
  });

  it('keeps namespaces and key prefixes apart', async () => {
    const [a, b] = [await store(), await store({ prefix: 'other-bot' })];
    await a.sessions('user').write('5', { v: 'user' });
    await a.sessions('dialogue').write('5', { v: 'dialogue' });
    await b.sessions('user').write('5', { v: 'other' });
    expect(await a.sessions('user').read('5')).toEqual({ v: 'user' });
    expect(await a.sessions('dialogue').read('5')).toEqual({ v: 'dialogue' });
    expect(await b.sessions('user').read('5')).toEqual({ v: 'other' });
    expect(await b.sessions('dialogue').read('5')).toBeUndefined();
    await a.sessions('dialogue').delete('5');
    expect(await a.sessions('user').read('5')).toEqual({ v: 'user' });
  });

  it('refuses a namespace that could clash with its own keys', async () => {
    const s = await store();
    for (const ns of ['handled', 'rate', 'User', 'a:b', '']) {
      expect(() => s.sessions(ns)).toThrow(RangeError);
    }
    expect(() => s.sessions('user', { ttlS: 0 })).toThrow('ttlS of namespace "user" must be a whole number of seconds ≥ 1, got 0');
  });

  it('reads a damaged value as absent with one warning, and the next write replaces it', async () => {
    const logger = memoryLogger();
    const users = (await store({ logger })).sessions<{ lang: string }>('user');
    await admin.set('article-bot:user:9', '{"lang":');
    await admin.set('article-bot:user:10', 'null');
    expect(await users.read('9')).toBeUndefined();
    expect(await users.read('10')).toBeUndefined();
    expect(logger.lines).toEqual([
      'WARN Redis key article-bot:user:9 holds a damaged value (8 characters, not a JSON value): read as empty, the next write replaces it',
      'WARN Redis key article-bot:user:10 holds a damaged value (4 characters, not a JSON value): read as empty, the next write replaces ' +
        'it',
    ]);
    await users.write('9', { lang: 'kk' });
    expect(await users.read('9')).toEqual({ lang: 'kk' });
  });

  it('reads a key of another Redis type as absent, warning once per kind of refusal', async () => {
    const logger = memoryLogger();
    const users = (await store({ logger })).sessions('user');
    await admin.rpush('article-bot:user:11', 'x');
    await admin.rpush('article-bot:user:12', 'x');
    expect(await users.read('11')).toBeUndefined();
    expect(await users.read('12')).toBeUndefined();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /^WARN Redis at redis:\/\/127\.0\.0\.1:\d+\/0 refused a command \(ReplyError: WRONGTYPE .*\): going on without that state$/,
    );
    await users.write('13', { ok: true }); // Redis itself was never counted as lost
    expect(await users.read('13')).toEqual({ ok: true });
  });

  it('writes null or undefined as a delete', async () => {
    const users = (await store()).sessions<unknown>('user');
    await users.write('3', { a: 1 });
    await users.write('3', null);
    expect(await admin.exists('article-bot:user:3')).toBe(0);
  });
});

describe('openRedisStore handled updates', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('remembers handled update ids for 24 h, keeping the first mark', async () => {
    const [a, b] = [await store(), await store()];
    expect(await a.wasHandled(1001)).toBe(false);
    await a.markHandled(1001);
    expect(await a.wasHandled(1001)).toBe(true);
    expect(await b.wasHandled(1001)).toBe(true);
    expect(await b.wasHandled(1002)).toBe(false);
    await admin.expire('article-bot:handled:1001', 100);
    await b.markHandled(1001); // SET NX: the first mark and its expiry stay
    expect(await admin.ttl('article-bot:handled:1001')).toBeLessThanOrEqual(100);
    expect(HANDLED_TTL_S).toBe(86_400);
  });

  it('closes idempotently', async () => {
    const s = await store();
    await s.close();
    await s.close();
    expect(s.connection.client.status).toBe('end');
  });
});
