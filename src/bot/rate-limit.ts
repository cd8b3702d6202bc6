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

/** Keys kept before expired windows are pruned. */
const PRUNE_AT = 10_000;

/**
 * A fixed-window limiter per key: at most `max` questions per `windowMs`.
 * Defaults: 8 questions per 20 000 ms.
 * ```ts
 * const limiter = createRateLimiter({ max: 8, windowMs: 20_000 });
 * if (!limiter.hit(String(userId)).ok) return;
 * ```
 */
export function createRateLimiter(options: { max?: number; windowMs?: number; now?: () => number } = {}): LocalRateLimiter {
  const { max = 8, windowMs = 20_000, now = Date.now } = options;
  const windows = new Map<string, { start: number; count: number; notified: boolean }>();
  return {
    hit(key) {
      const t = now();
      if (windows.size > PRUNE_AT) for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) { w = { start: t, count: 0, notified: false }; windows.set(key, w); }
      w.count += 1;
      if (w.count <= max) return { ok: true, notify: false, retryAfterS: 0 };
      const notify = !w.notified;
      w.notified = true;
      return { ok: false, notify, retryAfterS: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) };
    },
  };
}
