import type { Update } from 'grammy/types';
import type { Database, RootDatabase } from 'lmdb';
import type { Journal } from './journal.js';
import type { UpdateInbox } from './types.js';

/** What the inbox needs from the store around it: the handled marks, written in the inbox's transactions. */
export interface HandledMarks {
  /** Whether the update is recorded as handled (and not yet expired). */
  isHandled(updateId: number): boolean;
  /** Records the update as handled; only inside a write transaction. */
  markInTransaction(updateId: number): void;
}

/**
 * The embedded store's inbox: the updates in the LMDB database `db` (key: the update id), the
 * calls they made in `journal` (src/state/journal.ts). Admitting a batch is one transaction,
 * flushed to disk before it resolves (Telegram is told about the batch only then); finishing an
 * update is one transaction that removes it and marks it handled, so a redelivered copy is not
 * admitted again.
 * ```ts
 * const inbox = createLmdbInbox(root, root.openDB('inbox', {}), marks, (has) => openJournal(path, has));
 * const fresh = await inbox.admit(updates); // now confirm them to Telegram
 * ```
 */
export function createLmdbInbox(
  root: RootDatabase,
  db: Database<Update, number>,
  marks: HandledMarks,
  openJournalOf: (has: (id: number) => boolean) => Journal,
): UpdateInbox & { close(): void } {
  let size = db.getKeysCount();
  const journal = openJournalOf((id) => db.doesExist(id));
  return {
    async admit(updates) {
      if (updates.length === 0) return [];
      const fresh: Update[] = [];
      await root.transaction(() => {
        fresh.length = 0; // (a retried transaction callback starts over)
        for (const update of updates) {
          const id = update.update_id;
          if (db.doesExist(id) || marks.isHandled(id)) continue;
          db.putSync(id, update);
          fresh.push(update);
        }
      });
      await root.flushed;
      size += fresh.length;
      return fresh;
    },
    pending: () => [...db.getRange()].map(({ key, value }) => ({ update: value, sent: journal.earlier.get(key) ?? [] })),
    async recordSent(updateId, index, call) {
      journal.append(updateId, index, call);
    },
    recordAttempt(updateId, index, call, refused = false) {
      if (refused) journal.appendRefused(updateId, index);
      else journal.appendWritten(updateId, index, call);
    },
    async finish(updateId) {
      let removed = false;
      await root.transaction(() => {
        removed = db.doesExist(updateId);
        if (removed) db.removeSync(updateId);
        marks.markInTransaction(updateId);
      });
      if (removed) size--;
      journal.forget(updateId);
    },
    size: () => size,
    close: () => journal.close(),
  };
}
