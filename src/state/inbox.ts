import type { Update } from 'grammy/types';
import type { Database, RootDatabase } from 'lmdb';
import type { InboxEntry, SentCall, UpdateInbox } from './types.js';

/**
 * Keys of the inbox database: `[updateId, 0]` holds the update, `[updateId, 1 + i]` the i-th call
 * it made that Telegram accepted. Numbers sort as numbers, so one range read returns the inbox in
 * update order with each update's journal right after it.
 */
type InboxKey = [number, number];
type InboxValue = Update | SentCall;

/** What the inbox needs from the store around it: the handled marks, written in the inbox's transactions. */
export interface HandledMarks {
  /** Whether the update is recorded as handled (and not yet expired). */
  isHandled(updateId: number): boolean;
  /** Records the update as handled; only inside a write transaction. */
  markInTransaction(updateId: number): void;
}

/**
 * The embedded store's inbox over its LMDB database `db`. Admitting a batch is one transaction,
 * flushed to disk before it resolves (Telegram is told about the batch only then); a journal line
 * resolves at commit, which a kill -9 keeps (a power cut right after it may lose the last lines:
 * those replies are then sent again); finishing an update is one transaction that removes it with
 * its journal and marks it handled, so a redelivered copy is not admitted again.
 * ```ts
 * const inbox = createLmdbInbox(root, root.openDB('inbox', {}), marks);
 * const fresh = await inbox.admit(updates); // now confirm them to Telegram
 * ```
 */
export function createLmdbInbox(root: RootDatabase, db: Database<InboxValue, InboxKey>, marks: HandledMarks): UpdateInbox {
  let size = countUpdates(db);
  return {
    async admit(updates) {
      if (updates.length === 0) return [];
      const fresh: Update[] = [];
      await root.transaction(() => {
        fresh.length = 0; // (a retried transaction callback starts over)
        for (const update of updates) {
          const id = update.update_id;
          if (db.get([id, 0]) !== undefined || marks.isHandled(id)) continue;
          db.putSync([id, 0], update);
          fresh.push(update);
        }
      });
      await root.flushed;
      size += fresh.length;
      return fresh;
    },
    pending() {
      const entries: InboxEntry[] = [];
      for (const { key: [, line], value } of db.getRange({ start: [0, 0] })) {
        if (line === 0) entries.push({ update: value as Update, sent: [] });
        else if (entries.length > 0) entries[entries.length - 1].sent[line - 1] = value as SentCall;
      }
      return entries;
    },
    async recordSent(updateId, index, call) {
      await db.put([updateId, index + 1], call);
    },
    async finish(updateId) {
      let removed = false;
      await root.transaction(() => {
        removed = db.get([updateId, 0]) !== undefined;
        for (const key of db.getKeys({ start: [updateId, 0], end: [updateId + 1, 0] })) db.removeSync(key);
        marks.markInTransaction(updateId);
      });
      if (removed) size--;
    },
    size: () => size,
  };
}

/** How many updates the inbox holds (read once, at open: normally none, after a crash a few hundred at most). */
function countUpdates(db: Database<InboxValue, InboxKey>): number {
  let n = 0;
  for (const [, line] of db.getKeys({ start: [0, 0] })) if (line === 0) n++;
  return n;
}
