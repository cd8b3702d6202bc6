import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { open, type Database, type RootDatabase } from 'lmdb';
import { StateFormatError, StateStoreError } from './errors.js';
import { createLmdbInbox } from './inbox.js';
import { openJournal } from './journal.js';
import type { StateStore, UpdateInbox } from './types.js';

// Our own store rather than a grammY storage adapter: sessions, conversations, handled update ids and
// the inbox share one LMDB file, so an update's removal from the inbox and its "handled" mark commit together.

/** Version of the on-disk layout; a store written with another version is refused. */
export const STATE_FORMAT_VERSION = 1;
/** The database file inside DATA_DIR (LMDB also keeps `state.lmdb-lock` beside it). */
export const STATE_FILE = 'state.lmdb';
/** The inbox's reply journal inside DATA_DIR (src/state/journal.ts). */
export const JOURNAL_FILE = 'state.journal';
/** How long a handled update id is remembered: Telegram keeps an unconfirmed update for 24 h. */
export const HANDLED_TTL_S = 24 * 60 * 60;
/** Namespace of the handled update ids (not a valid session namespace: it starts with a NUL). */
const HANDLED = '\u0000handled';

/** One stored value: `v` the value, `w` when it was written, `e` when it expires (0: never), both ms since the epoch. */
interface Entry {
  v: unknown;
  w: number;
  e: number;
}
type EntryKey = [string, string];
type ExpiryKey = [number, string, string];

/** The embedded store, with its upkeep exposed (tests, bench). */
export interface EmbeddedStateStore extends StateStore {
  /** Fetched updates waiting to be handled (src/state/inbox.ts). */
  inbox: UpdateInbox;
  /** Removes every expired entry now; resolves with how many were removed. */
  sweep(): Promise<number>;
  /** How many entries are stored, handled ids included (expired ones not yet swept too). */
  count(): number;
}

export interface EmbeddedStoreOptions {
  /** Where warnings go (a damaged entry that was reset). Defaults to nowhere. */
  warn?: (line: string) => void;
  /** Removes expired entries this often, in the background. Defaults to 60 000 ms. */
  sweepEveryMs?: number;
  /** The clock (tests). Defaults to `Date.now`. */
  now?: () => number;
}

/**
 * The embedded state store: an LMDB database in `dir/state.lmdb` (created with its folder when
 * missing). Each change is one small transaction (no rewrite of the whole store), committed and
 * flushed to disk before `write` resolves; LMDB's copy-on-write pages survive a crash at any point.
 * Every entry carries its expiry; an index by expiry time lets a background sweep remove expired
 * entries without scanning the live ones, so the file stops growing once users stop coming.
 * ```ts
 * const store = await openEmbeddedStore('data', { warn: logger.warn });
 * const users = store.sessions<SessionData>('user', { ttlS: 365 * 86400 });
 * ```
 * @throws StateFormatError for a store of another format version, StateStoreError when it cannot be opened.
 */
export async function openEmbeddedStore(dir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStateStore> {
  const { warn = () => undefined, sweepEveryMs = 60_000, now = Date.now } = options;
  const path = join(dir, STATE_FILE);
  let root: RootDatabase;
  try {
    mkdirSync(dir, { recursive: true });
    root = open({ path, maxDbs: 8 });
  } catch (err) {
    throw new StateStoreError(path, `cannot be opened (${(err as Error).message})`);
  }
  const meta = root.openDB<{ version: number }, string>('meta', {});
  const entries = root.openDB<Entry, EntryKey>('entries', {});
  const expiry = root.openDB<true, ExpiryKey>('expiry', {});
  const inboxDb = root.openDB<never, number>('inbox', {});
  const found = meta.get('format');
  if (found === undefined && entries.getCount({ limit: 1 }) === 0) {
    await meta.put('format', { version: STATE_FORMAT_VERSION });
  } else if (found?.version !== STATE_FORMAT_VERSION) {
    await root.close();
    throw new StateFormatError(path, found?.version, STATE_FORMAT_VERSION);
  }
  const store = new EmbeddedStore(root, entries, expiry, warn, now);
  try {
    store.inbox = createLmdbInbox(
      root,
      inboxDb,
      {
        isHandled: (id) => store.read(HANDLED, String(id)) === true,
        markInTransaction: (id) => store.putInTransaction(HANDLED, String(id), true, HANDLED_TTL_S * 1000),
      },
      (has) => openJournal(join(dir, JOURNAL_FILE), has),
    );
  } catch (err) {
    await root.close();
    throw new StateStoreError(join(dir, JOURNAL_FILE), `cannot be opened (${(err as Error).message})`);
  }
  store.startSweeping(sweepEveryMs);
  return store;
}

class EmbeddedStore implements EmbeddedStateStore {
  private closing?: Promise<void>;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  inbox!: UpdateInbox & { close(): void };

  constructor(
    private readonly root: RootDatabase,
    private readonly entries: Database<Entry, EntryKey>,
    private readonly expiry: Database<true, ExpiryKey>,
    private readonly warn: (line: string) => void,
    private readonly now: () => number,
  ) {}

  sessions<T>(namespace: string, options: { ttlS?: number } = {}): StorageAdapter<T> {
    if (namespace === '' || namespace.startsWith('\u0000')) throw new Error(`invalid session namespace "${namespace}"`);
    const ttlMs = (options.ttlS ?? 0) * 1000;
    return {
      read: (key) => this.read(namespace, key) as T | undefined,
      write: async (key, value) => {
        // an unchanged value (grammY writes every session back) waits for no disk flush
        if (await this.put(namespace, key, value, ttlMs)) await this.root.flushed;
      },
      delete: async (key) => {
        await this.remove(namespace, key);
        await this.root.flushed;
      },
    };
  }

  /** Resolves once committed (a kill -9 keeps it; a power loss may not: then an update may be answered twice). */
  async markHandled(updateId: number): Promise<void> {
    await this.put(HANDLED, String(updateId), true, HANDLED_TTL_S * 1000);
  }

  async wasHandled(updateId: number): Promise<boolean> {
    return this.read(HANDLED, String(updateId)) === true;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.sweeper);
      await this.sweeping;
      await this.root.flushed;
      this.inbox.close();
      await this.root.close();
    })();
    return this.closing;
  }

  count(): number {
    return this.entries.getCount();
  }

  /** Sweeps once now and then every `everyMs` (the timer does not keep the process alive). */
  startSweeping(everyMs: number): void {
    const run = () => {
      this.sweeping ??= this.sweep()
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          this.sweeping = undefined;
        });
    };
    run();
    this.sweeper = setInterval(run, everyMs).unref();
  }

  /** Removes every entry whose time is up, 1000 per transaction. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      if (this.closing) return removed;
      const due = [...this.expiry.getKeys({ end: [this.now() + 1], limit: 1000 })];
      if (due.length === 0) return removed;
      await this.root.transaction(() => {
        for (const [at, ns, key] of due) {
          this.expiry.removeSync([at, ns, key]);
          if (this.entries.get([ns, key])?.e === at) this.entries.removeSync([ns, key]);
        }
      });
      removed += due.length;
    }
  }

  read(ns: string, key: string): unknown {
    let entry: Entry | undefined;
    try {
      entry = this.entries.get([ns, key]);
    } catch (err) {
      this.warn(`state entry ${ns}/${key} cannot be decoded (${(err as Error).message}): it is reset`);
      void this.remove(ns, key).catch(() => undefined);
      return undefined;
    }
    if (entry === undefined || (entry.e !== 0 && entry.e <= this.now())) return undefined;
    return entry.v;
  }

  /** Writes an entry in its own transaction; resolves with false when it was left as it is (unchanged). */
  private async put(ns: string, key: string, value: unknown, ttlMs: number): Promise<boolean> {
    const at = this.now();
    const old = this.peek(ns, key);
    // an unchanged value written again soon after (grammY writes every session back) is not rewritten:
    // its expiry moves on once 1 % of the time to live has passed
    if (old && old.e !== 0 && old.e > at && at - old.w < ttlMs / 100 && JSON.stringify(old.v) === JSON.stringify(value)) return false;
    if (old && old.e === 0 && ttlMs === 0 && JSON.stringify(old.v) === JSON.stringify(value)) return false;
    await this.root.transaction(() => this.putInTransaction(ns, key, value, ttlMs, at));
    return true;
  }

  /** Writes an entry with its expiry; only inside a write transaction. */
  putInTransaction(ns: string, key: string, value: unknown, ttlMs: number, at = this.now()): void {
    const current = this.peek(ns, key);
    if (current && current.e !== 0) this.expiry.removeSync([current.e, ns, key]);
    const e = ttlMs > 0 ? at + ttlMs : 0;
    this.entries.putSync([ns, key], { v: value, w: at, e });
    if (e !== 0) this.expiry.putSync([e, ns, key], true);
  }

  private remove(ns: string, key: string): Promise<void> {
    return this.root.transaction(() => {
      const current = this.peek(ns, key);
      if (current && current.e !== 0) this.expiry.removeSync([current.e, ns, key]);
      this.entries.removeSync([ns, key]);
    });
  }

  /** The raw entry, or undefined when absent or undecodable. */
  private peek(ns: string, key: string): Entry | undefined {
    try {
      const entry = this.entries.get([ns, key]);
      return entry !== null && typeof entry === 'object' && typeof entry.e === 'number' ? entry : undefined;
    } catch {
      return undefined;
    }
  }
}
