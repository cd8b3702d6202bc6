import type { StorageAdapter } from 'grammy';

/**
 * Wraps a session storage so that a stored value failing `isValid` (`null`, `"x"`, an unknown
 * language …) reads as absent — grammY then starts that session afresh — and is deleted, with
 * one `warn` line; a read that throws counts the same. Works over any StateStore.
 * ```ts
 * const users = validated(store.sessions('user'), isSessionData, logger.warn);
 * ```
 */
export function validated<T>(
  storage: StorageAdapter<T>,
  isValid: (value: unknown) => value is T,
  warn: (line: string) => void,
): StorageAdapter<T> {
  const reset = async (key: string, why: string) => {
    warn(`session ${key} ${why}: it is reset`);
    await Promise.resolve(storage.delete(key)).catch(() => undefined);
    return undefined;
  };
  return {
    async read(key) {
      let value: unknown;
      try {
        value = await storage.read(key);
      } catch (err) {
        return reset(key, `cannot be read (${(err as Error).message})`);
      }
      if (value === undefined || isValid(value)) return value as T | undefined;
      return reset(key, `holds ${describe(value)}, not a valid session`);
    },
    write: (key, value) => storage.write(key, value),
    delete: (key) => storage.delete(key),
  };
}

/** A short, safe description of a damaged value (its type and at most 40 characters). */
function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
