import type { StorageAdapter } from 'grammy';
import type { Logger } from '../log.js';
import { connectRedis, type RedisConnection, type RedisConnectionOptions } from './redis-connection.js';
import type { StateStore } from './types.js';

/** Sessions of a namespace opened without `ttlS` expire after this long without a write: 90 days. */
export const DEFAULT_SESSION_TTL_S = 90 * 24 * 3600;
/** Handled update ids are remembered 24 h (Telegram keeps pending updates no longer). */
export const HANDLED_TTL_S = 24 * 3600;
/** Default first part of every key. */
export const DEFAULT_KEY_PREFIX = 'article-bot';
/** Key parts the store uses itself (handled updates, the shared rate limiter): not usable as namespaces. */
export const RESERVED_NAMESPACES = ['handled', 'rate'] as const;
const NAMESPACE = /^[a-z][a-z0-9-]{0,31}$/;

export interface RedisStoreOptions {
  logger: Logger;
  /** First part of every key: `<prefix>:<namespace>:<key>`. Default `article-bot`. */
  prefix?: string;
  /** TTL of sessions in a namespace opened without `ttlS`. Default DEFAULT_SESSION_TTL_S (90 days). */
  defaultTtlS?: number;
}

/** A StateStore in Redis, with the connection it runs on (the shared rate limiter uses it too). */
export interface RedisStateStore extends StateStore {
  readonly connection: RedisConnection;
  /** The key prefix, e.g. `article-bot`. */
  readonly prefix: string;
}

/**
 * Connects to Redis and returns the bot's state store in it. Keys:
 * `article-bot:<namespace>:<session key>` (JSON, TTL = the namespace's `ttlS` or 90 days, renewed
 * on every write) and `article-bot:handled:<update id>` (TTL 24 h). While Redis is away, reads
 * answer "no state", writes are dropped, and one warning is logged (one more when it is back).
 * ```ts
 * const store = await openRedisStore(config.redisUrl, { logger, connectTimeoutMs: 5000 });
 * bot.use(session({ initial: () => ({}), storage: store.sessions<SessionData>('user') }));
 * ```
 * @throws RedisUnreachableError (one line, password redacted) when Redis cannot be reached at start.
 */
export async function openRedisStore(
  url: string,
  options: RedisStoreOptions & Omit<RedisConnectionOptions, 'logger'>,
): Promise<RedisStateStore> {
  const connection = await connectRedis(url, options);
  return createRedisStore(connection, options);
}

/** The store over an open connection; `close()` closes the connection. */
export function createRedisStore(connection: RedisConnection, options: RedisStoreOptions): RedisStateStore {
  const { logger, prefix = DEFAULT_KEY_PREFIX, defaultTtlS = DEFAULT_SESSION_TTL_S } = options;
  return {
    connection,
    prefix,
    sessions<T>(namespace: string, opts: { ttlS?: number } = {}): StorageAdapter<T> {
      checkNamespace(namespace);
      const ttlS = opts.ttlS ?? defaultTtlS;
      if (!Number.isInteger(ttlS) || ttlS < 1)
        throw new RangeError(`ttlS of namespace "${namespace}" must be a whole number of seconds ≥ 1, got ${ttlS}`);
      const keyOf = (key: string) => `${prefix}:${namespace}:${key}`;
      return {
        read: (key) =>
          connection.attempt(
            async (c) => decode<T>(await c.get(keyOf(key)), keyOf(key), logger),
            () => undefined,
          ),
        write: (key, value) => {
          if (value === undefined || value === null)
            return connection.attempt(
              async (c) => {
                await c.del(keyOf(key));
              },
              () => undefined,
            );
          const json = JSON.stringify(value); // a value that cannot be stored throws here, to the caller: not a Redis problem
          return connection.attempt(
            async (c) => {
              await c.set(keyOf(key), json, 'EX', ttlS);
            },
            () => undefined,
          );
        },
        delete: (key) =>
          connection.attempt(
            async (c) => {
              await c.del(keyOf(key));
            },
            () => undefined,
          ),
      };
    },
    markHandled: (updateId) =>
      connection.attempt(
        async (c) => {
          await c.set(`${prefix}:handled:${updateId}`, '1', 'EX', HANDLED_TTL_S, 'NX');
        },
        () => undefined,
      ),
    // while Redis is away nothing counts as handled: an update is rather answered twice than never
    wasHandled: (updateId) =>
      connection.attempt(
        async (c) => (await c.exists(`${prefix}:handled:${updateId}`)) === 1,
        () => false,
      ),
    close: () => connection.close(),
  };
}

function checkNamespace(namespace: string): void {
  if (!NAMESPACE.test(namespace) || (RESERVED_NAMESPACES as readonly string[]).includes(namespace)) {
    throw new RangeError(
      `namespace "${namespace}" must be 1–32 lower-case letters, digits or - (starting with a letter) and not one of ` +
        `${RESERVED_NAMESPACES.join(', ')}`,
    );
  }
}

/** A stored JSON value, or undefined (with a warning) for one that is not JSON or is null. */
function decode<T>(raw: string | null, key: string, logger: Logger): T | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as T | null;
    if (value !== null) return value;
  } catch {
    /* reported below */
  }
  logger.warn(
    `Redis key ${key} holds a damaged value (${raw.length} characters, not a JSON value): read as empty, the next write replaces it`,
  );
  return undefined;
}
