import { Context, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { SentCall, UpdateInbox } from '../state/types.js';
import type { BotContext } from './context.js';
import { describeError, type Logger } from '../log.js';
import { handleOrLog, pause } from './polling.js';
import { createReplyJournal } from './reply-journal.js';
import { createFairScheduler } from './scheduler.js';

export interface InboxWorkerOptions {
  logger: Logger;
  /** Where updates wait, durably, until handled (the embedded store's `inbox`). */
  inbox: UpdateInbox;
  /** Updates handled at once, at most. Defaults to 64. */
  concurrency?: number;
}

/** The handling half of the inbox: what long polling and the webhook put in, handled fairly and once. */
export interface InboxWorker {
  /**
   * Writes the updates that are neither in the inbox nor handled to it (one transaction, on disk
   * when this resolves: only then may Telegram be told they arrived) and queues them; resolves with those.
   */
  admit(updates: readonly Update[]): Promise<Update[]>;
  /** The highest update id the last run left in the inbox (queued first), or -1. */
  readonly lastLeft: number;
  /** Updates queued and not started. */
  queued(): number;
  /** Resolves the next time an update finishes (at once when none runs). */
  progress(): Promise<void>;
  /** Changes how many updates are handled at once. */
  setConcurrency(n: number): void;
  /**
   * Starts no more updates and waits for the running ones, at most `timeoutMs` (default: no bound);
   * what is not finished stays in the inbox for the next start. Resolves with whether all finished.
   */
  halt(timeoutMs?: number): Promise<boolean>;
}

/**
 * Handles the updates of a durable inbox. At creation the updates a crash left there are queued
 * first. Updates are handled by a fair scheduler (src/bot/scheduler.ts): one at a time per chat,
 * in order; chats interleaved; messages, button presses and inline queries in turn, so a question
 * is not stuck behind thousands of presses. Each handling runs under the reply journal
 * (src/bot/reply-journal.ts), so a call Telegram already got before a crash is not made again. A
 * handled update is removed from the inbox and marked handled in one transaction; a failed one
 * too, after its error is logged (it is not retried for ever).
 * ```ts
 * const worker = createInboxWorker(bot, { logger, inbox: store.inbox });
 * await worker.admit(updates); // now confirm them to Telegram
 * ```
 */
export function createInboxWorker(bot: Bot<BotContext>, options: InboxWorkerOptions): InboxWorker {
  const { logger, inbox, concurrency = 64 } = options;
  const handleUpdate = bot.handleUpdate.bind(bot); // (the webhook replaces bot.handleUpdate with `admit`)
  const journal = createReplyJournal(inbox, logger);
  bot.api.config.use(journal.transformer);
  const replays = new Map<number, SentCall[]>(); // updates a crash left half done: their journals

  const handle = async (update: Update): Promise<void> => {
    const id = update.update_id;
    const replay = replays.get(id) ?? [];
    replays.delete(id);
    await handleOrLog(bot, id, logger, () => journal.run(id, replay, () => handleUpdate(update)));
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

  return {
    lastLeft: left.length > 0 ? left[left.length - 1].update.update_id : -1,
    async admit(updates) {
      const fresh = await inbox.admit(updates);
      for (const update of fresh) scheduler.push(update);
      return fresh;
    },
    queued: () => scheduler.queued(),
    progress: () => scheduler.progress(),
    setConcurrency: (n) => scheduler.setConcurrency(n),
    async halt(timeoutMs) {
      const finished = scheduler.halt().then(() => true);
      if (timeoutMs === undefined) return finished;
      const waited = new AbortController();
      const done = await Promise.race([finished, pause(timeoutMs, waited.signal).then(() => false)]);
      waited.abort();
      if (!done)
        logger.warn(
          `${scheduler.running()} updates still in progress after ${timeoutMs} ms: they stay in the inbox and are handled after the restart`,
        );
      return done;
    },
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
