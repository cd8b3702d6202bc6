import type { StorageAdapter } from 'grammy';
import { HANDLED_TTL_S } from './embedded.js';
import type { StateStore } from './types.js';

/**
 * A StateStore in this process's memory: nothing survives a restart. For tests, and the default
 * of `createBot`/`startPolling` when no store is passed. Expired entries read as absent and are
 * dropped when read or, for handled ids, when more are added.
 * ```ts
 * const store = createMemoryStore();
 * ```
 */
export function createMemoryStore(now: () => number = Date.now): StateStore {
  const spaces = new Map<string, Map<string, { v: unknown; e: number }>>();
  const handled = new Map<number, number>(); // update id → expiry, in insertion order
  const live = (e: number) => e === 0 || e > now();
  return {
    sessions<T>(namespace: string, { ttlS = 0 }: { ttlS?: number } = {}): StorageAdapter<T> {
      const space = spaces.get(namespace) ?? new Map<string, { v: unknown; e: number }>();
      spaces.set(namespace, space);
      return {
        read(key) {
          const entry = space.get(key);
          if (entry && live(entry.e)) return structuredClone(entry.v) as T;
          space.delete(key);
          return undefined;
        },
        write(key, value) {
          space.set(key, { v: structuredClone(value), e: ttlS > 0 ? now() + ttlS * 1000 : 0 });
        },
        delete(key) {
          space.delete(key);
        },
      };
    },
    async markHandled(updateId) {
      handled.delete(updateId);
      handled.set(updateId, now() + HANDLED_TTL_S * 1000);
      for (const [id, e] of handled) {
        if (live(e)) break;
        handled.delete(id);
      }
    },
    async wasHandled(updateId) {
      const e = handled.get(updateId);
      return e !== undefined && live(e);
    },
    async close() {},
  };
}
