import type { StorageAdapter } from 'grammy';
import type { Update } from 'grammy/types';

/**
 * What the bot keeps that must survive a restart (and, with Redis, be shared by every replica):
 * grammY sessions per namespace (`user`: the /lang choice; `dialogue`: the conversation state),
 * and the ids of updates already handled (so that a redelivered update is not answered twice).
 * Implementations: the embedded store under DATA_DIR (the default) and Redis (`REDIS_URL`).
 * ```ts
 * const users = store.sessions<UserSession>('user');
 * bot.use(session({ initial: () => ({}), storage: users }));
 * if (await store.wasHandled(update.update_id)) return; // redelivered after a crash
 * ```
 */
export interface StateStore {
  /**
   * A grammY storage over one namespace. An entry not written for `ttlS` seconds reads as absent
   * and is removed in time (no `ttlS`: kept until deleted).
   */
  sessions<T>(namespace: string, options?: { ttlS?: number }): StorageAdapter<T>;
  /** Records that an update was handled (remembered for 24 h, Telegram's own limit for pending updates). */
  markHandled(updateId: number): Promise<void>;
  /** Whether an update was recorded by `markHandled`. */
  wasHandled(updateId: number): Promise<boolean>;
  /** Writes out what is pending and releases the store. Idempotent. */
  close(): Promise<void>;
  /**
   * A durable inbox of fetched updates, when the store has one (the embedded store does; Redis and
   * the memory store do not: polling then confirms an update only after it is handled).
   */
  inbox?: UpdateInbox;
}

/** One Bot API call an update made that reached Telegram (a line of the update's reply journal). */
export interface SentCall {
  method: string;
  /** The call's `chat_id` (or `inline_message_id`) as a string, when it had one. */
  target?: string;
  /** What Telegram answered (e.g. the Message sent); undefined when `unanswered`. */
  result: unknown;
  /**
   * The request was written to Telegram and the process died before the answer came: presumed
   * delivered (Telegram carries out a request it received whether or not the client is still there).
   */
  unanswered?: true;
}

/** An update in the inbox and the calls it made before the process stopped. */
export interface InboxEntry {
  update: Update;
  sent: SentCall[];
}

/**
 * Where fetched updates wait until they are handled (src/bot/inbox-polling.ts): a batch is written
 * here before Telegram is told it arrived, so a crash loses none; each accepted reply is journalled,
 * so a restart does not send it again.
 */
export interface UpdateInbox {
  /**
   * Writes the updates that are neither in the inbox nor handled, in one transaction; resolves
   * with those once they are on disk (flushed).
   */
  admit(updates: readonly Update[]): Promise<Update[]>;
  /** What the inbox holds, oldest update first (after a crash: what was not handled). */
  pending(): InboxEntry[];
  /** Journals call number `index` (from 0) of an update as accepted; resolves once committed (a kill -9 keeps it). */
  recordSent(updateId: number, index: number, call: SentCall): Promise<void>;
  /**
   * Journals that call number `index`'s request has been written to Telegram (its answer not yet
   * seen), or with `refused`, that Telegram answered it with an error. Synchronous: called the
   * moment the request's last byte leaves, and kept by a kill -9 right after.
   */
  recordAttempt(updateId: number, index: number, call: Pick<SentCall, 'method' | 'target'>, refused?: boolean): void;
  /** Removes a handled update and its journal from the inbox and records it as handled, in one transaction. */
  finish(updateId: number): Promise<void>;
  /** How many updates the inbox holds. */
  size(): number;
}
