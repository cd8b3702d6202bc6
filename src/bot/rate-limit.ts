/** The verdict for one question. */
export interface RateVerdict {
  ok: boolean;
  /** True once per window for a limited user: tell them, then stay silent. */
  notify: boolean;
  /** Seconds until the user may ask again (0 when ok). */
  retryAfterS: number;
}

export interface RateLimiter {
  /**
   * Counts one question of `key` (a user id) and says whether it may be answered. The in-memory
   * limiter answers at once; a shared one (Redis) answers asynchronously: callers always await.
   */
  hit(key: string): RateVerdict | Promise<RateVerdict>;
}

/** The in-memory limiter of one process: answers at once. */
export interface LocalRateLimiter extends RateLimiter {
  hit(key: string): RateVerdict;
}

/**
 * A fixed-window limiter per key: at most `max` questions per `windowMs`.
 * Defaults: 8 questions per 20 000 ms. O(1) per hit: the windows sit in a Map in the order they
 * started (a new window is deleted and inserted again, so it moves to the end), and each hit drops
 * the expired ones from the front; memory holds the keys seen in the last window only.
 * Hand-written rather than @grammyjs/ratelimiter: only questions count (commands and buttons stay
 * free), a limited user is told once per window how many seconds to wait, and the Redis limiter
 * (rate-limit-redis.ts) gives the same verdicts shared by every replica.
 * ```ts
 * const limiter = createRateLimiter({ max: 8, windowMs: 20_000 });
 * if (!limiter.hit(String(userId)).ok) return;
 * ```
 */
export function createRateLimiter(
  options: { max?: number; windowMs?: number; now?: () => number } = {},
): LocalRateLimiter & { size(): number } {
  const { max = 8, windowMs = 20_000, now = Date.now } = options;
  const windows = new Map<string, { start: number; count: number; notified: boolean }>();
  return {
    hit(key) {
      const t = now();
      // amortised O(1): every window is dropped at most once; at most two are looked at besides
      for (const [k, w] of windows) {
        if (t - w.start < windowMs) break;
        windows.delete(k);
      }
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        windows.delete(key);
        w = { start: t, count: 0, notified: false };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= max) return { ok: true, notify: false, retryAfterS: 0 };
      const notify = !w.notified;
      w.notified = true;
      return { ok: false, notify, retryAfterS: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) };
    },
    size: () => windows.size,
  };
}
