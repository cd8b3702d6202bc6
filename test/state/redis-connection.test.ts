import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, redactRedisUrl, RedisUnreachableError } from '../../src/state/redis-connection.js';
import { openRedisStore, type RedisStateStore } from '../../src/state/redis.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../support/memory-logger.js';
import { freePort, startRedis, REDIS_START_TIMEOUT_MS, REDIS_STOP_TIMEOUT_MS, type RedisServer } from '../support/redis.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

const PASSWORD = 'hunter2-secret-pw';
/** Connect timeout given to the client in the timeout test. */
const CONNECT_TIMEOUT_MS = 300;
/** Command timeout given to the client in the outage tests. */
const COMMAND_TIMEOUT_MS = 200;
/** Upper bound for one call while Redis is away: it must not wait for anything. */
const FAST_CALL_MS = 50;
/** How long the store may take to notice Redis is back (reconnect backoff capped at 100 ms, probe every 100 ms). */
const RECOVERY_TIMEOUT_MS = 3_000;
const OUTAGE_TEST_TIMEOUT_MS = REDIS_START_TIMEOUT_MS + REDIS_STOP_TIMEOUT_MS + RECOVERY_TIMEOUT_MS + 2_000;

const failure = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
};

describe('redactRedisUrl', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('replaces user and password by *** and keeps host, port and database', () => {
    expect(redactRedisUrl(`redis://:${PASSWORD}@127.0.0.1:6390/0`)).toBe('redis://***@127.0.0.1:6390/0');
    expect(redactRedisUrl(`rediss://bot:${PASSWORD}@cache.example.org:6380/2`)).toBe('rediss://***@cache.example.org:6380/2');
    expect(redactRedisUrl('redis://127.0.0.1:6390/0')).toBe('redis://127.0.0.1:6390/0');
    expect(redactRedisUrl('redis://localhost')).toBe('redis://localhost');
  });
});

describe('connectRedis at start-up', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('fails with one line, without the password, when nothing listens', async () => {
    const port = await freePort();
    const err = await failure(connectRedis(`redis://:${PASSWORD}@127.0.0.1:${port}/0`, { logger: memoryLogger() }));
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      `cannot reach Redis at redis://***@127.0.0.1:${port}/0: connection refused — start redis-server or unset REDIS_URL`,
    );
    const plain = await failure(connectRedis(`redis://127.0.0.1:${port}/0`, { logger: memoryLogger() }));
    expect(plain.message).toBe(
      `cannot reach Redis at redis://127.0.0.1:${port}/0: connection refused — start redis-server or unset REDIS_URL`,
    );
  });

  it('gives up after connectTimeoutMs when the server accepts but never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const err = await failure(
        connectRedis(`redis://127.0.0.1:${port}/0`, { logger: memoryLogger(), connectTimeoutMs: CONNECT_TIMEOUT_MS }),
      );
      const took = Date.now() - started;
      expect(err.message).toBe(
        `cannot reach Redis at redis://127.0.0.1:${port}/0: no answer within ${CONNECT_TIMEOUT_MS} ms — start redis-server or unset ` +
          `REDIS_URL`,
      );
      expect(took).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 20);
      expect(took).toBeLessThan(CONNECT_TIMEOUT_MS + 500);
    } finally {
      silent.close();
    }
  });

  describe('with a password', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis({ password: PASSWORD });
    }, REDIS_START_TIMEOUT_MS + 2000);
    afterAll(async () => {
      await redis?.close();
    });

    it('connects with the right password', async () => {
      const conn = await connectRedis(redis.url, { logger: memoryLogger() });
      expect(await conn.client.ping()).toBe('PONG');
      expect(conn.where).toBe(`redis://***@127.0.0.1:${redis.port}/0`);
      await conn.close();
    });

    it('says the password is wrong, or missing, without printing it', async () => {
      const wrong = await failure(connectRedis(`redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}/0`, { logger: memoryLogger() }));
      expect(wrong.message).toBe(
        `cannot reach Redis at redis://***@127.0.0.1:${redis.port}/0: wrong user name or password — check the password in REDIS_URL ` +
          `(redis://:PASSWORD@host:port/db)`,
      );
      expect(wrong.message).not.toContain(PASSWORD);
      const missing = await failure(connectRedis(`redis://127.0.0.1:${redis.port}/0`, { logger: memoryLogger() }));
      expect(missing.message).toBe(
        `cannot reach Redis at redis://127.0.0.1:${redis.port}/0: Redis asks for a password — put it in REDIS_URL ` +
          `(redis://:PASSWORD@host:port/db)`,
      );
    });

    it('refuses a database number the server does not have', async () => {
      const err = await failure(connectRedis(redis.url.replace(/\/0$/, '/99'), { logger: memoryLogger() }));
      expect(err.message).toBe(
        `cannot reach Redis at redis://***@127.0.0.1:${redis.port}/99: Redis has no database 99 — use a database number it has (0–15 by ` +
          `default) at the end of REDIS_URL`,
      );
    });
  });
});

describe('a Redis store while Redis goes away and comes back', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let redis: RedisServer;
  let store: RedisStateStore | undefined;
  const logger = memoryLogger();
  const open = () =>
    openRedisStore(redis.url, {
      logger,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      maxReconnectDelayMs: 100,
      probeIntervalMs: 100,
    });
  beforeAll(async () => {
    redis = await startRedis();
  }, REDIS_START_TIMEOUT_MS + 2000);
  afterEach(async () => {
    await store?.close();
    logger.lines.length = 0;
  });
  afterAll(async () => {
    await redis?.close();
  });

  /** Resolves once a write and a read round-trip again; bounded by RECOVERY_TIMEOUT_MS. */
  async function untilBack(s: RedisStateStore, key: string): Promise<void> {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await s.sessions('user').write(key, { back: true });
      if ((await s.sessions('user').read(key)) !== undefined) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`Redis store did not recover within RECOVERY_TIMEOUT_MS (${RECOVERY_TIMEOUT_MS} ms)`);
  }

  /** Twenty calls of every kind; each must come back within FAST_CALL_MS, as "no state". */
  async function callsFailFast(s: RedisStateStore): Promise<void> {
    const users = s.sessions<{ lang: string }>('user');
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      expect(await users.read('1')).toBeUndefined();
      await users.write('1', { lang: 'en' });
      await users.delete('2');
      await s.markHandled(i);
      expect(await s.wasHandled(i)).toBe(false);
      expect(Date.now() - started).toBeLessThan(FAST_CALL_MS);
    }
  }

  it(
    'answers "no state" at once while Redis is stopped, warns once, and works again after a restart',
    async () => {
      store = await open();
      await store.sessions('user').write('1', { lang: 'kk' });
      await redis.stop();
      await callsFailFast(store);
      await redis.start();
      await untilBack(store, '5');
      expect(await store.sessions('user').read('5')).toEqual({ back: true });
      await store.markHandled(77);
      expect(await store.wasHandled(77)).toBe(true);
      expect(logger.lines).toEqual([
        `WARN Redis at ${redis.url} is unavailable (connection closed): replies go on without shared state, and state changes are ` +
          `dropped until it is back`,
        `INFO Redis at ${redis.url} answers again: shared state is back`,
      ]);
    },
    OUTAGE_TEST_TIMEOUT_MS,
  );

  it(
    'gives up on a command after commandTimeoutMs when Redis hangs, then fails fast, and keeps the state it had',
    async () => {
      store = await open();
      await store.sessions('user').write('1', { lang: 'ru' });
      redis.pause();
      try {
        const started = Date.now();
        expect(await store.sessions('user').read('1')).toBeUndefined();
        expect(Date.now() - started).toBeLessThan(COMMAND_TIMEOUT_MS + 300);
        await callsFailFast(store);
      } finally {
        redis.resume();
      }
      await untilBack(store, '6');
      expect(await store.sessions('user').read('1')).toEqual({ lang: 'ru' }); // the writes made while it hung were dropped
      expect(logger.lines).toEqual([
        `WARN Redis at ${redis.url} is unavailable (Command timed out): replies go on without shared state, and state changes are ` +
          `dropped until it is back`,
        `INFO Redis at ${redis.url} answers again: shared state is back`,
      ]);
    },
    OUTAGE_TEST_TIMEOUT_MS,
  );

  it(
    'logs each outage once, however many there are',
    async () => {
      store = await open();
      for (let i = 0; i < 2; i++) {
        await redis.stop();
        await callsFailFast(store);
        await redis.start();
        await untilBack(store, `r${i}`);
      }
      expect(logger.lines.map((l) => l.slice(0, 4))).toEqual(['WARN', 'INFO', 'WARN', 'INFO']);
    },
    2 * OUTAGE_TEST_TIMEOUT_MS,
  );
});
