import { Context, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { SentCall, UpdateInbox } from '../state/types.js';
import type { BotContext } from './context.js';
import { describeError, type Logger } from '../log.js';
import { createUpdateFetcher, handleOrLog, pause, type Poller } from './polling.js';
import { createReplyJournal } from './reply-journal.js';
import { createFairScheduler } from './scheduler.js';

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
 * sent at once), so fetching never waits for handling and a crash loses nothing. Updates are then
 * handled from the inbox by a fair scheduler (src/bot/scheduler.ts): one at a time per chat, in
 * order; chats interleaved; messages, button presses and inline queries in turn, so a question is
 * not stuck behind thousands of presses. A handled update is removed from the inbox and marked
 * handled in one transaction; a failed one too, after its error is logged (it is not retried for ever).
 * At start the updates a crash left in the inbox are handled first, their calls that Telegram had
 * already accepted not made again (src/bot/reply-journal.ts).
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
  const journal = createReplyJournal(inbox, logger);
  bot.api.config.use(journal.transformer);
  const replays = new Map<number, SentCall[]>(); // updates a crash left half done: their journals

  const handle = async (update: Update): Promise<void> => {
    const id = update.update_id;
    const replay = replays.get(id) ?? [];
    replays.delete(id);
    await handleOrLog(bot, id, logger, () => journal.run(id, replay, () => bot.handleUpdate(update)));
    await inbox
      .finish(id)
      .catch((err) =>
        logger.warn(`could not remove update ${id} from the inbox (${describeError(err)}): after a restart it is handled again`),
      );
    logger.debug(`update ${id} handled`);
  };
  const scheduler = createFairScheduler<Update>({ concurrency, keyOf: chatKey, laneOf, run: handle });

  const left = inbox.pending();
  if (left.length > 0) logger.info(`${left.length} updates left in the inbox by the last run: handling them first`);
  for (const { update, sent } of left) {
    if (sent.length > 0) replays.set(update.update_id, sent);
    scheduler.push(update);
  }

  let maxSeen = left.length > 0 ? left[left.length - 1].update.update_id : -1;
  let confirmed = -1; // the offset of the last getUpdates Telegram answered
  const getUpdates = createUpdateFetcher(bot, { logger, limit, allowedUpdates, maxBackoffMs, onCrash, signal: abort.signal });
  const loop = (async () => {
    while (!abort.signal.aborted) {
      while (scheduler.queued() >= maxQueued && !abort.signal.aborted)
        await Promise.race([scheduler.progress(), pause(1000, abort.signal)]);
      const offset = maxSeen + 1;
      const updates = await getUpdates(() => ({ offset, timeoutS }));
      if (updates === undefined) return;
      confirmed = Math.max(confirmed, offset);
      let fresh: Update[];
      try {
        fresh = await inbox.admit(updates.filter((u) => u.update_id > maxSeen));
      } catch (err) {
        logger.error(
          `could not write ${updates.length} updates to the inbox (${describeError(err)}): they are not confirmed, fetching again in 1 s`,
        );
        await pause(1000, abort.signal);
        continue;
      }
      if (updates.length > 0) maxSeen = Math.max(maxSeen, updates[updates.length - 1].update_id);
      scheduler.setConcurrency(
        updates.length >= limit && scheduler.queued() < maxQueued ? Math.min(drainConcurrency, concurrency) : concurrency,
      );
      for (const update of fresh) scheduler.push(update);
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    stop: ({ timeoutMs }: { timeoutMs?: number } = {}) =>
      (stopping ??= (async () => {
        abort.abort();
        await loop;
        const finished = scheduler.halt().then(() => true);
        const waited = new AbortController();
        const done =
          timeoutMs === undefined ? await finished : await Promise.race([finished, pause(timeoutMs, waited.signal).then(() => false)]);
        waited.abort();
        if (!done)
          logger.warn(
            `${scheduler.running()} updates still in progress after ${timeoutMs} ms: they stay in the inbox and are handled after the ` +
              `restart`,
          );
        if (maxSeen + 1 > confirmed && maxSeen >= 0) {
          await bot.api
            .getUpdates({ offset: maxSeen + 1, limit: 1, timeout: 0 })
            .catch((err) => logger.warn(`could not confirm the last updates: ${describeError(err)}`));
        }
      })()),
  };
}

/** The chat an update belongs to (its sender for inline queries): its updates are handled one at a time. */
export function chatKey(update: Update): string {
  const ctx = new Context(update, undefined as never, undefined as never);
  return String(ctx.chatId ?? ctx.from?.id ?? '');
}

/** The scheduler lane of an update: its kind. */
export function laneOf(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'other';
}
