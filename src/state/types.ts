import type { StorageAdapter } from 'grammy';

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
}
