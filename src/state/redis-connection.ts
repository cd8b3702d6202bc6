import { Redis } from 'ioredis';
import { UserError } from '../errors.js';
import { describeError, redact, type Logger } from '../log.js';

/** Redis cannot be used at start-up: the message says why (never with the URL's password) and how to fix it. */
export class RedisUnreachableError extends UserError {
  constructor(
    /** REDIS_URL with its user and password replaced by `***`. */
    readonly where: string,
    /** What went wrong: "connection refused", "no answer within 2000 ms", … */
    readonly reason: string,
    fix: string,
  ) {
    super(`cannot reach Redis at ${where}: ${reason} — ${fix}`);
  }
}

export interface RedisConnectionOptions {
  logger: Logger;
  /** The whole start-up (TCP connect, AUTH, SELECT) must be done within this. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** A command without an answer within this fails (the caller then goes on without state). Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Reconnect attempts back off from 50 ms, doubling, up to this. Default 2000 ms. */
  maxReconnectDelayMs?: number;
  /** While Redis is unavailable, a PING checks this often whether it is back. Default 500 ms. */
  probeIntervalMs?: number;
}

/**
 * One Redis client shared by the state store and the rate limiter, and what they need around it:
 * commands fail fast while Redis is away (no offline queue, a short command timeout), the client
 * reconnects on its own with capped backoff, and the loss and the return of Redis are logged once
 * each, not per call.
 */
export interface RedisConnection {
  readonly client: Redis;
  /** The URL for messages, credentials replaced by `***`. */
  readonly where: string;
  /** Whether the last command (or connection event) succeeded. */
  readonly up: boolean;
  /**
   * Runs `op` on the client and returns its result. When Redis is unavailable (connection lost, a
   * command timed out) it returns `fallback()` instead: at once, without sending anything, until a
   * reconnect or a PING probe shows Redis is back. An error reply (e.g. WRONGTYPE, OOM) also
   * returns `fallback()`, logged once per kind of error.
   */
  attempt<T>(op: (client: Redis) => Promise<T>, fallback: () => T): Promise<T>;
  /** Closes the client (QUIT, or a hard disconnect when Redis is away). Idempotent. */
  close(): Promise<void>;
}

/** Exponential backoff start for reconnects. */
const FIRST_RECONNECT_DELAY_MS = 50;

/**
 * Connects to `url` (`redis://` or `rediss://`, optionally with `user:password@` and `/db`) and
 * checks that Redis answers.
 * ```ts
 * const conn = await connectRedis('redis://127.0.0.1:6379/0', { logger });
 * ```
 * @throws RedisUnreachableError within `connectTimeoutMs` when Redis cannot be reached or refuses us.
 */
export async function connectRedis(url: string, options: RedisConnectionOptions): Promise<RedisConnection> {
  const { logger, connectTimeoutMs = 5000, commandTimeoutMs = 1000, maxReconnectDelayMs = 2000, probeIntervalMs = 500 } = options;
  const where = redactRedisUrl(url);
  const secrets = credentials(url);
  let started = false;
  let closing = false;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // at start-up one failure is final (the caller reports it); afterwards reconnect for ever, capped
    retryStrategy: (times) => (started ? Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** (times - 1), maxReconnectDelayMs) : null),
  });

  const startErrors: Error[] = [];
  let up = true;
  let probe: NodeJS.Timeout | undefined;
  const refusals = new Set<string>();
  const lost = (reason: string) => {
    if (!up || closing) return;
    up = false;
    logger.warn(
      `Redis at ${where} is unavailable (${redact(reason, secrets)}): replies go on without shared state, and state changes are dropped ` +
        `until it is back`,
    );
    probe = setInterval(() => {
      client.ping().then(back, () => undefined);
    }, probeIntervalMs);
    probe.unref();
  };
  const back = () => {
    if (up || closing) return;
    up = true;
    clearInterval(probe);
    logger.info(`Redis at ${where} answers again: shared state is back`);
  };
  client.on('error', (err: Error) => {
    if (started) lost(describeError(err));
    else startErrors.push(err);
  });
  client.on('close', () => {
    if (started) lost('connection closed');
  });
  client.on('ready', () => {
    if (started) back();
  });

  await connectWithin(client, connectTimeoutMs).catch((err: Error) => {
    client.disconnect();
    const { reason, fix } = explain(startErrors.at(-1) ?? err, url, connectTimeoutMs);
    throw new RedisUnreachableError(where, redact(reason, secrets), fix);
  });
  if (startErrors.length > 0) {
    // e.g. SELECT of a database the server does not have: connected, but not as asked
    client.disconnect();
    const { reason, fix } = explain(startErrors[0], url, connectTimeoutMs);
    throw new RedisUnreachableError(where, redact(reason, secrets), fix);
  }
  started = true;

  return {
    client,
    where,
    get up() {
      return up;
    },
    async attempt(op, fallback) {
      if (!up) return fallback();
      try {
        return await op(client);
      } catch (err) {
        if ((err as Error).name !== 'ReplyError') {
          lost(describeError(err));
        } else {
          const kind = (err as Error).message.split(' ')[0];
          if (!refusals.has(kind))
            logger.warn(`Redis at ${where} refused a command (${redact(describeError(err), secrets)}): going on without that state`);
          refusals.add(kind);
        }
        return fallback();
      }
    },
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(probe);
      if (client.status === 'ready') {
        const ended = new Promise<void>((r) => {
          client.once('end', r);
          setTimeout(r, commandTimeoutMs).unref();
        });
        await client.quit().catch(() => undefined);
        if ((client.status as string) !== 'end') await ended;
      }
      client.disconnect();
    },
  };
}

/** The URL with `user:password@` replaced by `***@` (an unparsable URL becomes `(invalid URL)`). */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const auth = u.username || u.password ? '***@' : '';
    return `${u.protocol}//${auth}${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The password in a Redis URL (as written and decoded), for redaction; none: []. */
export function credentials(url: string): string[] {
  try {
    const u = new URL(url);
    return [u.password, decodeURIComponent(u.password)].filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

/** `client.connect()`, failing after `ms` whatever stage it hangs in (TCP, AUTH, the ready check). */
function connectWithin(client: Redis, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([client.connect(), late]).finally(() => clearTimeout(timer));
}

/** A failure at start-up in words, with its fix. */
function explain(err: Error, url: string, timeoutMs: number): { reason: string; fix: string } {
  const code = (err as NodeJS.ErrnoException).code;
  const start = 'start redis-server or unset REDIS_URL';
  if (code === 'ECONNREFUSED') return { reason: 'connection refused', fix: start };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { reason: 'host not found', fix: 'check the host in REDIS_URL or unset REDIS_URL' };
  if (code === 'ETIMEDOUT' || /^no answer within|timed out/i.test(err.message))
    return { reason: `no answer within ${timeoutMs} ms`, fix: start };
  if (/^WRONGPASS/.test(err.message))
    return { reason: 'wrong user name or password', fix: 'check the password in REDIS_URL (redis://:PASSWORD@host:port/db)' };
  if (/^NOAUTH/.test(err.message))
    return { reason: 'Redis asks for a password', fix: 'put it in REDIS_URL (redis://:PASSWORD@host:port/db)' };
  if (/DB index is out of range/.test(err.message)) {
    return {
      reason: `Redis has no database ${new URL(url).pathname.slice(1)}`,
      fix: 'use a database number it has (0–15 by default) at the end of REDIS_URL',
    };
  }
  return { reason: describeError(err), fix: 'check REDIS_URL or unset it' };
}
