import { MemorySessionStorage } from 'grammy';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionKey, type CachedQuestion } from '../../src/bot/question-cache.js';
import { createStoredQuestionCache, QUESTION_NAMESPACE, QUESTION_TTL_S } from '../../src/bot/question-store.js';
import { openRedisStore, type RedisStateStore } from '../../src/state/redis.js';
import { memoryLogger } from '../support/memory-logger.js';
import { startRedis, REDIS_START_TIMEOUT_MS, type RedisServer } from '../support/redis.js';

describe('createStoredQuestionCache', () => {
  it('returns the key of the in-memory cache and finds the question again', async () => {
    const questions = createStoredQuestionCache(new MemorySessionStorage<CachedQuestion>());
    const key = await questions.remember('Что такое ИИ?', 'ru');
    expect(key).toBe(questionKey('Что такое ИИ?', 'ru'));
    expect(await questions.get(key)).toEqual({ question: 'Что такое ИИ?', lang: 'ru' });
    expect(await questions.get('AAAAAAAAAA')).toBeUndefined();
  });

  it('reads a damaged entry as unknown', async () => {
    const storage = new MemorySessionStorage<CachedQuestion>();
    const questions = createStoredQuestionCache(storage);
    storage.write('k1', { question: '', lang: 'en' });
    storage.write('k2', { question: 'x', lang: 'de' } as unknown as CachedQuestion);
    storage.write('k3', 'x' as unknown as CachedQuestion);
    for (const k of ['k1', 'k2', 'k3']) expect(await questions.get(k)).toBeUndefined();
  });

  describe('in Redis, shared by two replicas', () => {
    let redis: RedisServer;
    const stores: RedisStateStore[] = [];
    beforeAll(async () => {
      redis = await startRedis();
      for (let i = 0; i < 2; i++) stores.push(await openRedisStore(redis.url, { logger: memoryLogger() }));
    }, REDIS_START_TIMEOUT_MS + 2000);
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await redis?.close();
    });

    it('finds on replica B the question of a button replica A sent, for 7 days', async () => {
      const [a, b] = stores.map((s) => createStoredQuestionCache(s.sessions<CachedQuestion>(QUESTION_NAMESPACE, { ttlS: QUESTION_TTL_S })));
      const key = await a.remember('жасанды интеллект деген не?', 'kk');
      expect(await b.get(key)).toEqual({ question: 'жасанды интеллект деген не?', lang: 'kk' });
      const admin = new Redis(redis.url);
      try {
        expect(await admin.ttl(`article-bot:questions:${key}`)).toBeGreaterThan(QUESTION_TTL_S - 5);
      } finally {
        admin.disconnect();
      }
    });
  });
});
