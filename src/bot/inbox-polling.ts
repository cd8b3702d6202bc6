import type { Bot } from 'grammy';
import type { UpdateInbox } from '../state/types.js';
import type { BotContext } from './context.js';
import { describeError, type Logger } from '../log.js';
import { createInboxWorker } from './inbox-worker.js';
import { createUpdateFetcher, pause, type Poller } from './polling.js';

export interface InboxPollingOptions {
  logger: Logger;
  /** Where fetched updates wait, durably, until handled (the embedded store's `inbox`). */
  inbox: UpdateInbox;
  /** Long-polling timeout. Defaults to 30 s. */
  timeoutS?: number;
  /** Updates per getUpdates call. Defaults to 100 (Telegram's maximum). */
  limit?: number;
  /** Update types to fetch. Defaults to all but the ones Telegram sends only on request. */
  allowedUpdates?: readonly string[];
  /** Longest wait between attempts while getUpdates fails. Defaults to 5000 ms. */
  maxBackoffMs?: number;
  /** Updates handled at once, at most. Defaults to 64. */
  concurrency?: number;
  /**
   * Updates handled at once while Telegram still holds more than one batch (the last getUpdates
   * came back full): fetching, which shares the event loop with handling, drains the backlog into
   * the inbox first, where the scheduler can put a question before thousands of presses. Defaults to 8.
   */
  drainConcurrency?: number;
  /** Fetching pauses while this many updates wait in the inbox (memory stays bounded). Defaults to 20 000. */
  maxQueued?: number;
  /** Called when polling stops by itself: 401 (token revoked) or 409 (another instance polls). */
  onCrash?: (err: unknown) => void;
}

/**
 * Long polling through a durable inbox. Each getUpdates batch is written to `inbox` in one
 * transaction and flushed; only then is it confirmed to Telegram (the next getUpdates `offset`,
 * sent at once), so fetching never waits for handling and a crash loses nothing. The inbox's
 * updates are handled fairly and once by src/bot/inbox-worker.ts (which first takes what a crash
 * left there).
 * ```ts
 * const poller = pollIntoInbox(bot, { logger, inbox: store.inbox });
 * await poller.stop({ timeoutMs: 10_000 });
 * ```
 */
export function pollIntoInbox(bot: Bot<BotContext>, options: InboxPollingOptions): Poller {
  const {
    logger,
    inbox,
    timeoutS = 30,
    limit = 100,
    allowedUpdates,
    maxBackoffMs = 5000,
    concurrency = 64,
    drainConcurrency = 8,
    maxQueued = 20_000,
    onCrash,
  } = options;
  const abort = new AbortController();
  const worker = createInboxWorker(bot, { logger, inbox, concurrency });

  let maxSeen = worker.lastLeft;
  let confirmed = -1; // the offset of the last getUpdates Telegram answered
  const getUpdates = createUpdateFetcher(bot, { logger, limit, allowedUpdates, maxBackoffMs, onCrash, signal: abort.signal });
  const loop = (async () => {
    while (!abort.signal.aborted) {
      while (worker.queued() >= maxQueued && !abort.signal.aborted) await Promise.race([worker.progress(), pause(1000, abort.signal)]);
      const offset = maxSeen + 1;
      const updates = await getUpdates(() => ({ offset, timeoutS }));
      if (updates === undefined) return;
      confirmed = Math.max(confirmed, offset);
      try {
        await worker.admit(updates.filter((u) => u.update_id > maxSeen));
      } catch (err) {
        logger.error(
          `could not write ${updates.length} updates to the inbox (${describeError(err)}): they are not confirmed, fetching again in 1 s`,
        );
        await pause(1000, abort.signal);
        continue;
      }
      if (updates.length > 0) maxSeen = Math.max(maxSeen, updates[updates.length - 1].update_id);
      worker.setConcurrency(updates.length >= limit && worker.queued() < maxQueued ? Math.min(drainConcurrency, concurrency) : concurrency);
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    stop: ({ timeoutMs }: { timeoutMs?: number } = {}) =>
      (stopping ??= (async () => {
        abort.abort();
        await loop;
        await worker.halt(timeoutMs);
        if (maxSeen + 1 > confirmed && maxSeen >= 0) {
          await bot.api
            .getUpdates({ offset: maxSeen + 1, limit: 1, timeout: 0 })
            .catch((err) => logger.warn(`could not confirm the last updates: ${describeError(err)}`));
        }
      })()),
  };
}
