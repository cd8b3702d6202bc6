import { HttpError, type Transformer } from 'grammy';
import { describeError, type Logger } from './logger.js';

export interface RetryOptions {
  /** Retries after the first attempt. Defaults to 3. */
  maxRetries?: number;
  /** Wait before the first retry of a 5xx or network failure, doubled for each further retry. Defaults to 500 ms. */
  baseDelayMs?: number;
  /** Longest wait; a 429 asking for more (`retry_after`) is not retried. Defaults to 30 000 ms. */
  maxDelayMs?: number;
  /** Methods never retried. Defaults to getUpdates (the runner retries it) and sendChatAction (not worth it). */
  noRetry?: readonly string[];
  logger?: Logger;
}

/**
 * A grammY API transformer that retries failed Bot API calls: HTTP 429 after the `retry_after`
 * Telegram asks for, 5xx answers and network errors with exponential backoff; at most
 * `maxRetries` times, never after the call's AbortSignal fired.
 * ```ts
 * bot.api.config.use(autoRetry({ maxRetries: 3, logger }));
 * ```
 */
export function autoRetry(options: RetryOptions = {}): Transformer {
  const { maxRetries = 3, baseDelayMs = 500, maxDelayMs = 30_000, noRetry = ['getUpdates', 'sendChatAction'], logger } = options;
  const skip = new Set(noRetry);
  return (async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      let result: Awaited<ReturnType<typeof prev>> | undefined;
      let error: unknown;
      try {
        result = await prev(method, payload, signal);
      } catch (err) {
        error = err;
      }
      if (result && (result.ok || !(result.error_code === 429 || result.error_code >= 500))) return result;
      const retriable = result !== undefined || error instanceof HttpError;
      const delay = result?.error_code === 429 ? (result.parameters?.retry_after ?? 1) * 1000 : baseDelayMs * 2 ** attempt;
      if (!retriable || skip.has(method) || attempt >= maxRetries || signal?.aborted || delay > maxDelayMs) {
        if (result) return result;
        throw error;
      }
      const why = result ? `${result.error_code} ${result.description}` : describeError(error);
      logger?.warn(`${method} failed (${why}): retry ${attempt + 1} of ${maxRetries} in ${delay} ms`);
      if (!(await sleep(delay, signal as globalThis.AbortSignal | undefined))) {
        if (result) return result;
        throw error;
      }
    }
  }) as Transformer;
}

/** Waits `ms`; resolves false at once if the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => { clearTimeout(timer); resolve(false); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
