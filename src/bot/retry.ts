import { HttpError, type Transformer } from 'grammy';
import { describeError, type Logger } from '../log.js';

export interface RetryOptions {
  /**
   * The longest one call may wait in all between its attempts (Telegram's `retry_after` and the
   * backoff of 5xx/network failures); a wait that would go past it gives the call up.
   * Defaults to 60 000 ms (RETRY_MAX_WAIT_S). A single flood wait up to this long is honoured.
   */
  maxWaitMs?: number;
  /** Retries after the first attempt (a bound on the loop; the time budget usually ends it first). Defaults to 20. */
  maxRetries?: number;
  /** Backoff before the first retry of a 5xx or network failure, doubled for each further retry. Defaults to 500 ms. */
  baseDelayMs?: number;
  /** Longest backoff of one 5xx/network retry. Defaults to 5 000 ms. */
  maxDelayMs?: number;
  /** Methods never retried. Defaults to getUpdates (the polling loop retries it) and sendChatAction (not worth it). */
  noRetry?: readonly string[];
  logger?: Logger;
  /** Source of jitter in [0, 1). Defaults to Math.random. */
  random?: () => number;
}

/**
 * A grammY API transformer that retries failed Bot API calls: HTTP 429 after the `retry_after`
 * Telegram asks for (plus up to 10 % jitter, at most 1 s, so that calls held by one flood wait do
 * not return at the same instant), 5xx answers and network errors after an exponential backoff with
 * "equal jitter" (half the step fixed, half random) capped at `maxDelayMs`. A call is given up when
 * its next wait would take its total waiting past `maxWaitMs`, after `maxRetries`, or once its
 * AbortSignal fires; giving up is logged as a warning (the caller decides whether it is an error).
 * Hand-written rather than @grammyjs/auto-retry: that plugin bounds each wait and the attempts, not
 * a call's total waiting (RETRY_MAX_WAIT_S), and adds no jitter to flood waits.
 * ```ts
 * bot.api.config.use(autoRetry({ maxWaitMs: 60_000, logger }));
 * ```
 */
export function autoRetry(options: RetryOptions = {}): Transformer {
  const {
    maxWaitMs = 60_000,
    maxRetries = 20,
    baseDelayMs = 500,
    maxDelayMs = 5_000,
    noRetry = ['getUpdates', 'sendChatAction'],
    logger,
    random = Math.random,
  } = options;
  const skip = new Set(noRetry);
  return (async (prev, method, payload, signal) => {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let result: Awaited<ReturnType<typeof prev>> | undefined;
      let error: unknown;
      try {
        result = await prev(method, payload, signal);
      } catch (err) {
        error = err;
      }
      if (result && (result.ok || !(result.error_code === 429 || result.error_code >= 500))) return result;
      const giveUp = () => {
        if (result) return result;
        throw error;
      };
      if ((result === undefined && !(error instanceof HttpError)) || skip.has(method) || signal?.aborted) return giveUp();
      const why = result ? `${result.error_code} ${result.description}` : describeError(error);
      const delay =
        result?.error_code === 429 ? floodDelay(result.parameters?.retry_after, random) : backoff(attempt, baseDelayMs, maxDelayMs, random);
      if (attempt >= maxRetries || waited + delay > maxWaitMs) {
        const reason =
          attempt >= maxRetries ? `${maxRetries} retries` : `waiting ${delay} ms more would exceed RETRY_MAX_WAIT_S=${maxWaitMs / 1000} s`;
        logger?.warn(`${method} failed (${why}) and is given up: ${reason}`);
        return giveUp();
      }
      logger?.warn(`${method} failed (${why}): retry ${attempt + 1} of ${maxRetries} in ${delay} ms`);
      waited += delay;
      if (!(await sleep(delay, signal as globalThis.AbortSignal | undefined))) return giveUp();
    }
  }) as Transformer;
}

/** Telegram's `retry_after` (seconds; 1 when missing) in ms, plus up to 10 % (at most 1 s) of jitter. */
function floodDelay(retryAfterS: number | undefined, random: () => number): number {
  const ms = Math.max(1, retryAfterS ?? 1) * 1000;
  return ms + Math.round(random() * Math.min(1000, ms / 10));
}

/** base·2^attempt capped at `max`: half of it fixed, half random. */
function backoff(attempt: number, base: number, max: number, random: () => number): number {
  const step = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Waits `ms`; resolves false at once if the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
