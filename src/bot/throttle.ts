import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import type { Transformer } from 'grammy';

/**
 * Telegram's published limits as token buckets (bottleneck options): about 30 messages a second
 * in all; in one private chat about one a second, with short bursts allowed (an answer of up to
 * four parts goes out at once); in one group at most 20 a minute (bursts of five).
 */
export const TELEGRAM_LIMITS: Required<APIThrottlerOptions> = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
  out: { maxConcurrent: 1, reservoir: 4, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1000, reservoirIncreaseMaximum: 4 },
  group: { maxConcurrent: 1, reservoir: 5, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 3000, reservoirIncreaseMaximum: 5 },
};

/** Calls that are not messages (Telegram does not count them) pass straight through. */
const UNTHROTTLED = new Set(['sendChatAction', 'getUpdates', 'getMe', 'setMyCommands', 'deleteWebhook', 'setWebhook']);

/**
 * A grammY API transformer that queues outgoing calls to a chat so that they stay within
 * Telegram's limits instead of discovering them by 429 answers (grammY's throttler plugin, with
 * `TELEGRAM_LIMITS` by default). Install it before autoRetry, so that every retry is queued too.
 * ```ts
 * bot.api.config.use(throttle());
 * bot.api.config.use(autoRetry({ logger }));
 * ```
 */
export function throttle(limits: APIThrottlerOptions = TELEGRAM_LIMITS): Transformer {
  const throttled = apiThrottler(limits);
  return ((prev, method, payload, signal) =>
    (UNTHROTTLED.has(method) ? prev(method, payload, signal) : throttled(prev, method, payload, signal))) as Transformer;
}
