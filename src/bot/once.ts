import type { Update } from 'grammy/types';
import type { StateStore } from '../state/types.js';
import { describeError, type Logger } from '../log.js';

/** Where handled update ids are kept: the state store (shared by every replica when it is Redis). */
export type HandledLog = Pick<StateStore, 'markHandled' | 'wasHandled'>;

/**
 * Wraps an update handler so that an update is answered once even when Telegram delivers it
 * again (a webhook request that failed, timed out or hit a replica that died): an update id
 * recorded in `handled` is skipped, a second delivery of an update still in progress in this
 * process waits for the first instead of answering again, and an update is recorded once its
 * handler is done. A handler that throws records nothing (the delivery fails, Telegram retries).
 * When the store cannot answer (Redis away) the update is handled: rather twice than never.
 * ```ts
 * The returned handler's `idle()` resolves when no update is in progress (the webhook's stop waits
 * for the updates a request timeout left running).
 * ```ts
 * bot.handleUpdate = handleOnce(bot.handleUpdate.bind(bot), { handled: store, logger });
 * ```
 */
export function handleOnce<A extends unknown[]>(
  handle: (update: Update, ...rest: A) => Promise<void>,
  options: { handled: HandledLog; logger: Logger },
): ((update: Update, ...rest: A) => Promise<void>) & { idle(): Promise<void> } {
  const { handled, logger } = options;
  const inProgress = new Map<number, Promise<void>>();
  const seenBefore = (id: number) =>
    handled.wasHandled(id).catch((err) => {
      logger.warn(`could not check whether update ${id} was handled (${describeError(err)}): it is handled`);
      return false;
    });
  const once = async (update: Update, ...rest: A): Promise<void> => {
    const id = update.update_id;
    const running = inProgress.get(id);
    if (running) {
      logger.info(`update ${id} came again while it is being handled: answered once`);
      return running.catch(() => undefined);
    }
    const work = (async () => {
      if (await seenBefore(id)) {
        logger.info(`update ${id} was handled before: acknowledged without a second reply`);
        return;
      }
      await handle(update, ...rest);
      await handled
        .markHandled(id)
        .catch((err) =>
          logger.warn(`could not record update ${id} as handled (${describeError(err)}): if it comes again it is answered again`),
        );
    })();
    inProgress.set(id, work);
    try {
      await work;
    } finally {
      inProgress.delete(id);
    }
  };
  const idle = async (): Promise<void> => {
    while (inProgress.size > 0) await Promise.allSettled([...inProgress.values()]);
  };
  return Object.assign(once, { idle });
}
