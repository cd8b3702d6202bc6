import type { RedisConnection } from '../state/redis-connection.js';
import { createRateLimiter, type RateLimiter, type RateVerdict } from './rate-limit.js';

/**
 * One atomic step of a fixed window: count the hit; the first hit of a window starts the window's
 * expiry (a key left without one, e.g. written by hand, gets it too). Returns [count, ms left].
 */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if n == 1 or left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {n, left}
`;

/**
 * A fixed-window limiter shared by every replica: one counter per user in Redis
 * (`<prefix>:rate:<key>`, expiring with its window), counted atomically by a Lua script, so that
 * two replicas together let a user through `max` times per window, not `max` per replica.
 * Defaults: 8 questions per 20 000 ms, prefix `article-bot`.
 *
 * While Redis is unavailable, each process falls back to its own in-memory limiter (the same
 * limits, counted per process): users keep getting answers, limited per replica, until Redis is back.
 * ```ts
 * const limiter = createRedisRateLimiter(store.connection, { max: 8, windowMs: 20_000, prefix: store.prefix });
 * const verdict = await limiter.hit(String(userId));
 * ```
 */
export function createRedisRateLimiter(
  connection: RedisConnection,
  options: { max?: number; windowMs?: number; prefix?: string } = {},
): RateLimiter {
  const { max = 8, windowMs = 20_000, prefix = 'article-bot' } = options;
  const local = createRateLimiter({ max, windowMs });
  return {
    hit(key) {
      return connection.attempt(
        async (client): Promise<RateVerdict> => {
          const [count, leftMs] = (await client.eval(HIT_SCRIPT, 1, `${prefix}:rate:${key}`, windowMs)) as [number, number];
          if (count <= max) return { ok: true, notify: false, retryAfterS: 0 };
          return { ok: false, notify: count === max + 1, retryAfterS: Math.max(1, Math.ceil(leftMs / 1000)) };
        },
        () => local.hit(key),
      );
    },
  };
}
