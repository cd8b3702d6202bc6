import type { StorageAdapter } from 'grammy';

/**
 * A grammY storage adapter in memory that cannot grow without bound: an entry not written for
 * `ttlMs` reads as absent, and beyond `maxEntries` the least recently written entries are dropped
 * (expired ones go first, found on every write without a scan: entries are kept in write order).
 * The default home of the dialogue state until a persistent store is plugged in.
 * ```ts
 * const storage = new BoundedMemoryStorage<DialogueState>({ ttlMs: 30 * 60_000 });
 * ```
 */
export class BoundedMemoryStorage<T> implements StorageAdapter<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly now: () => number;

  /** Defaults: 30 minutes, 10,000 entries, `Date.now`. */
  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Entries held now (expired ones not yet dropped included). */
  get size(): number {
    return this.entries.size;
  }

  read(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  write(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value: structuredClone(value), at: this.now() });
    this.evict();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops expired entries from the oldest end, then the oldest beyond `maxEntries`. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.at <= this.ttlMs && this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
