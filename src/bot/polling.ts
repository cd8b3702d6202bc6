import { BotError, Context, GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { StateStore } from '../state/types.js';
import type { BotContext } from './context.js';
import { describeError, type Logger } from '../log.js';

export interface PollingOptions {
  logger: Logger;
  /** Where handled update ids are remembered, so that a redelivered one is not answered twice. */
  handled: Pick<StateStore, 'markHandled' | 'wasHandled'>;
  /** Long-polling timeout. Defaults to 30 s. */
  timeoutS?: number;
  /** Updates per getUpdates call, which also bounds the updates in progress. Defaults to 100 (Telegram's maximum). */
  limit?: number;
  /** Update types to fetch. Defaults to all but the ones Telegram sends only on request. */
  allowedUpdates?: readonly string[];
  /** Longest wait between attempts while getUpdates fails. Defaults to 5000 ms. */
  maxBackoffMs?: number;
  /** While the oldest updates are still in progress, how often to look for new ones. Defaults to 100 ms. */
  recheckMs?: number;
  /** Called when polling stops by itself: 401 (token revoked) or 409 (another instance polls). */
  onCrash?: (err: unknown) => void;
}

export interface Poller {
  /**
   * Stops fetching, waits for the updates in progress (at most `timeoutMs`; no limit when
   * undefined), then confirms to Telegram every update below the oldest unfinished one. Idempotent.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * At-least-once long polling. An update is confirmed to Telegram (by a later getUpdates `offset`)
 * only after it was handled and recorded with `markHandled`: a crash loses nothing, and an update
 * that comes again after a restart is skipped when `wasHandled` says so. Updates of one chat are
 * handled in order, different chats in parallel (at most `limit` at a time). A failed update is
 * logged and recorded as handled, so that it is not retried for ever. getUpdates failures are
 * retried with jittered backoff up to `maxBackoffMs`; an outage is logged when it starts and ends.
 * ```ts
 * const poller = pollUpdates(bot, { logger, handled: store });
 * await poller.stop({ timeoutMs: 10_000 });
 * ```
 */
export function pollUpdates(bot: Bot<BotContext>, options: PollingOptions): Poller {
  const { logger, handled, timeoutS = 30, limit = 100, allowedUpdates, maxBackoffMs = 5000, recheckMs = 100, onCrash } = options;
  const abort = new AbortController();
  const pending = new Map<number, Promise<void>>(); // fetched, not yet handled and recorded
  const chains = new Map<string, Promise<void>>(); // per chat: the last update queued
  let maxSeen = -1;
  let sentOffset = -1;
  let progressed: () => void = () => undefined;
  const nextOffset = () => (pending.size > 0 ? Math.min(...pending.keys()) : maxSeen + 1);

  const handleOne = async (update: Update): Promise<void> => {
    const id = update.update_id;
    if (
      await handled.wasHandled(id).catch((err) => {
        logger.warn(`could not check whether update ${id} was handled: ${describeError(err)}`);
        return false;
      })
    ) {
      logger.info(`update ${id} was handled before a restart: skipped`);
      return;
    }
    await handleOrLog(bot, id, logger, () => bot.handleUpdate(update));
    await handled
      .markHandled(id)
      .catch((err) =>
        logger.warn(`could not record update ${id} as handled (${describeError(err)}): after a crash it may be answered again`),
      );
    logger.debug(`update ${id} handled`);
  };

  const dispatch = (update: Update) => {
    const ctx = new Context(update, bot.api, bot.botInfo);
    const key = String(ctx.chatId ?? ctx.from?.id ?? '');
    const run = (chains.get(key) ?? Promise.resolve()).then(() => handleOne(update));
    chains.set(key, run);
    pending.set(update.update_id, run);
    void run.then(() => {
      pending.delete(update.update_id);
      if (chains.get(key) === run) chains.delete(key);
      progressed();
    });
  };

  const getUpdates = createUpdateFetcher(bot, { logger, limit, allowedUpdates, maxBackoffMs, onCrash, signal: abort.signal });
  const loop = (async () => {
    let fetched = { offset: 0, at: 0 };
    while (!abort.signal.aborted) {
      let offset = 0;
      const updates = await getUpdates(() => {
        offset = nextOffset();
        return { offset, timeoutS: pending.size > 0 ? 0 : timeoutS };
      });
      if (updates === undefined) return;
      sentOffset = Math.max(sentOffset, offset);
      fetched = { offset, at: Date.now() };
      const fresh = updates.filter((u) => u.update_id > maxSeen);
      for (const u of fresh) dispatch(u);
      if (fresh.length > 0) maxSeen = fresh[fresh.length - 1].update_id;
      // Telegram answers at once with the unconfirmed updates: wait until fetching again can bring new ones
      const full = updates.length >= limit;
      while (!abort.signal.aborted && pending.size > 0) {
        const advanced = nextOffset() - fetched.offset;
        const due = fetched.at + recheckMs - Date.now();
        if (advanced >= limit / 4 || (due <= 0 && (advanced > 0 || !full))) break;
        const waited = new AbortController();
        const timer = pause(due > 0 ? due : recheckMs, AbortSignal.any([abort.signal, waited.signal]));
        await Promise.race([
          new Promise<void>((r) => {
            progressed = r;
          }),
          timer,
        ]);
        waited.abort();
      }
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    stop: ({ timeoutMs }: { timeoutMs?: number } = {}) =>
      (stopping ??= (async () => {
        abort.abort();
        progressed();
        await loop;
        const all = Promise.all([...pending.values()]).then(() => true);
        const waited = new AbortController();
        const finished = timeoutMs === undefined ? await all : await Promise.race([all, pause(timeoutMs, waited.signal).then(() => false)]);
        waited.abort();
        if (!finished)
          logger.warn(
            `${pending.size} updates still in progress after ${timeoutMs} ms: they are not confirmed, Telegram sends them again after ` +
              `the restart`,
          );
        const offset = nextOffset();
        if (offset > 0 && offset > sentOffset) {
          await bot.api
            .getUpdates({ offset, limit: 1, timeout: 0 })
            .catch((err) => logger.warn(`could not confirm the last updates: ${describeError(err)}`));
        }
      })()),
  };
}

/**
 * Runs `handle` for update `id`; a failure goes to the bot's error handler (else to the log) and
 * is not retried: the caller records the update as handled either way.
 */
export async function handleOrLog(bot: Bot<BotContext>, id: number, logger: Logger, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (err) {
    if (err instanceof BotError)
      await Promise.resolve(bot.errorHandler(err)).catch((e) => logger.error(`update ${id} failed: ${describeError(e)}`));
    else logger.error(`update ${id} failed: ${describeError(err)}`);
    logger.warn(`update ${id} is recorded as handled after its failure: it is not retried`);
  }
}

export interface FetcherOptions {
  logger: Logger;
  limit: number;
  allowedUpdates?: readonly string[];
  maxBackoffMs: number;
  onCrash?: (err: unknown) => void;
  signal: AbortSignal;
}

/**
 * getUpdates until it answers: failures are retried with jittered backoff up to `maxBackoffMs` (or
 * Telegram's `retry_after`), an outage is logged once when it starts and once when it ends. The
 * returned function resolves with the updates, or undefined once `signal` aborts or polling has to
 * stop (401: token revoked, 409: another instance polls; logged, and `onCrash` called).
 * `params` is asked again before each attempt (the offset may move on during an outage).
 */
export function createUpdateFetcher(bot: Bot<BotContext>, options: FetcherOptions) {
  const { logger, limit, allowedUpdates, maxBackoffMs, onCrash, signal } = options;
  let failures = 0;
  let outageSince = 0;
  return async (params: () => { offset: number; timeoutS: number }): Promise<Update[] | undefined> => {
    while (!signal.aborted) {
      try {
        const { offset, timeoutS } = params();
        const updates = await bot.api.getUpdates(
          {
            ...(offset > 0 ? { offset } : {}),
            limit,
            timeout: timeoutS,
            ...(allowedUpdates ? { allowed_updates: allowedUpdates as never } : {}),
          },
          signal as Parameters<typeof bot.api.getUpdates>[1],
        );
        if (failures > 0) {
          logger.info(
            `Telegram answers again: updates resume after ${((Date.now() - outageSince) / 1000).toFixed(1)} s (${failures} failed ` +
              `attempts)`,
          );
          failures = 0;
        }
        return updates;
      } catch (err) {
        if (signal.aborted) return undefined;
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409)) {
          logger.error(
            err.error_code === 401
              ? 'polling stopped: Telegram rejected BOT_TOKEN (401 Unauthorized): the token was revoked or changed; copy the new one ' +
                  'from @BotFather into .env and start again'
              : conflictLine(err),
          );
          onCrash?.(err);
          return undefined;
        }
        if (failures++ === 0) {
          outageSince = Date.now();
          logger.warn(
            `cannot get updates from Telegram (${describeError(err)}): retrying every ${maxBackoffMs / 1000} s at most until it answers`,
          );
        }
        const retryAfterS = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        await pause(retryAfterS ? retryAfterS * 1000 : pollingBackoffMs(failures, maxBackoffMs), signal);
      }
    }
    return undefined;
  };
}

/** The one line for a 409 Conflict: what took over, and how to run several instances instead. */
export function conflictLine(err: GrammyError): string {
  return /webhook/i.test(err.description)
    ? 'polling stopped: a webhook was set for this bot while it polled (409 Conflict), so another instance runs in webhook mode: stop ' +
        'it, or run this one in webhook mode too (WEBHOOK_URL, WEBHOOK_SECRET)'
    : 'polling stopped: another instance of this bot is polling Telegram (409 Conflict): only one instance can use long polling; stop ' +
        'the other one, or run every instance in webhook mode with one REDIS_URL (README: "Running more than one instance")';
}

/** Full-jitter exponential backoff: 200 ms doubled per failure, capped, then between half and all of it. */
export function pollingBackoffMs(failures: number, maxMs: number): number {
  const cap = Math.min(maxMs, 200 * 2 ** Math.min(failures - 1, 20));
  return cap / 2 + Math.random() * (cap / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
