import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';
import { LOG_LEVELS, type LogLevel } from './log.js';

/** Questions per user and window when RATE_LIMIT_MAX / RATE_LIMIT_WINDOW_S are not set. */
export const DEFAULT_RATE_LIMIT = { max: 8, windowS: 20 } as const;

/** A bot token as @BotFather issues it: `<bot id>:<secret>`. */
export const BOT_TOKEN_PATTERN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;
/** The project folder (where package.json is): relative paths in the configuration start here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One or more environment variables are missing or invalid; the message says which and how to fix them. */
export class ConfigError extends UserError {
  constructor(
    readonly problems: string[],
    readonly variables: string[],
  ) {
    super(`${problems.join('; ')} (every variable is described in .env.example)`);
  }
}

export type EmbedderChoice = 'lexical' | 'transformers' | 'auto';

/** What retrieval needs (same shape as `RetrievalSettings` in src/setup.ts). */
export interface RetrievalConfig {
  /** CORPUS_DIR, default `corpus/`. */
  corpusDir: string;
  /** INDEX_DIR, default `index/article/`. */
  indexDir: string;
  /** EMBEDDER, default `auto`. */
  embedder: EmbedderChoice;
  /** EMBEDDING_MODEL, default `Xenova/multilingual-e5-small`. */
  model: string;
  /** ALLOW_REMOTE_MODELS, default true. */
  allowRemote: boolean;
  /** MODEL_CACHE_DIR, default `.cache/models/`. */
  cacheDir: string;
}

export interface Config {
  /** BOT_TOKEN (required). */
  botToken: string;
  /** TELEGRAM_API_ROOT, default Telegram's (https://api.telegram.org). */
  apiRoot?: string;
  /**
   * Webhook mode when WEBHOOK_URL is set (WEBHOOK_SECRET then required, WEBHOOK_PORT default 8080,
   * WEBHOOK_HOST default 127.0.0.1: a TLS proxy on the same machine); long polling otherwise.
   */
  webhook?: { url: string; port: number; host: string; secret: string };
  /** DATA_DIR, default `data/`: the state store (`state.lmdb`) lives there. */
  dataDir: string;
  /** RATE_LIMIT_MAX questions per RATE_LIMIT_WINDOW_S seconds per user (default: DEFAULT_RATE_LIMIT). */
  rateLimit: { max: number; windowS: number };
  /** LOG_LEVEL, default `info`. */
  logLevel: LogLevel;
  /** STOP_TIMEOUT_S, default 10: on SIGINT/SIGTERM, how long work in flight may finish before the process exits anyway. */
  stopTimeoutS: number;
  /** RETRY_MAX_WAIT_S, default 60: the longest a Bot API call waits in all for Telegram's retry_after and retries before it is given up. */
  retryMaxWaitS: number;
  /** REDIS_URL (`redis://` or `rediss://`): shared state for several replicas; unset: the embedded store under DATA_DIR. */
  redisUrl?: string;
  /** DIALOGUE_TTL_MIN, default 30: a conversation idle longer is forgotten (follow-ups and "More" start afresh). */
  dialogueTtlMin: number;
  retrieval: RetrievalConfig;
}

/**
 * Reads and validates the whole configuration from environment variables, once, at start-up.
 * Pure: no I/O; relative paths are resolved against `root` (default: the project folder).
 * Empty values count as unset.
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 * @throws ConfigError listing every problem (never echoing BOT_TOKEN or WEBHOOK_SECRET).
 */
export function loadConfig(env: NodeJS.ProcessEnv, root = PROJECT_ROOT): Config {
  const r = reader(env);
  const token = r.get('BOT_TOKEN');
  if (token === undefined) {
    r.fail(
      'BOT_TOKEN',
      'BOT_TOKEN is not set: copy .env.example to .env and put the token from @BotFather there (to talk to the article without Telegram, ' +
        'run `npm run chat`)',
    );
  } else if (!BOT_TOKEN_PATTERN.test(token)) {
    r.fail(
      'BOT_TOKEN',
      `BOT_TOKEN does not look like a bot token (expected <bot id>:<secret of 30+ letters, digits, _ or ->, got ${token.length} ` +
        `characters): copy it again from @BotFather into .env, or run \`npm run ask\` to try the article without Telegram`,
    );
  }
  const apiRoot = r.url('TELEGRAM_API_ROOT', ['http:', 'https:']);
  const webhookUrl = r.url('WEBHOOK_URL', ['https:']);
  const webhookPort = r.int('WEBHOOK_PORT', 8080, 1, 65535);
  const webhookHost = r.get('WEBHOOK_HOST') ?? '127.0.0.1';
  const secret = r.get('WEBHOOK_SECRET');
  if (webhookUrl && secret === undefined)
    r.fail(
      'WEBHOOK_SECRET',
      'WEBHOOK_SECRET is not set but WEBHOOK_URL is: set it to 16–256 random letters, digits, _ or - (e.g. `openssl rand -hex 32`)',
    );
  else if (secret !== undefined && !/^[A-Za-z0-9_-]{16,256}$/.test(secret))
    r.fail('WEBHOOK_SECRET', `WEBHOOK_SECRET must be 16–256 letters, digits, _ or - (got ${secret.length} characters)`);
  const redisUrl = readRedisUrl(r);
  const config: Config = {
    botToken: token ?? '',
    ...(apiRoot ? { apiRoot: apiRoot.replace(/\/+$/, '') } : {}),
    ...(webhookUrl ? { webhook: { url: webhookUrl, port: webhookPort, host: webhookHost, secret: secret ?? '' } } : {}),
    dataDir: path(root, r.get('DATA_DIR') ?? 'data'),
    rateLimit: {
      max: r.int('RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT.max, 1, 1000),
      windowS: r.int('RATE_LIMIT_WINDOW_S', DEFAULT_RATE_LIMIT.windowS, 1, 3600),
    },
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    stopTimeoutS: r.int('STOP_TIMEOUT_S', 10, 1, 600),
    retryMaxWaitS: r.int('RETRY_MAX_WAIT_S', 60, 1, 3600),
    ...(redisUrl ? { redisUrl } : {}),
    dialogueTtlMin: r.int('DIALOGUE_TTL_MIN', 30, 1, 1440),
    retrieval: readRetrieval(r, root),
  };
  r.throwIfFailed();
  return config;
}

/**
 * Only the retrieval part of the configuration (no BOT_TOKEN needed), for the CLI.
 * @throws ConfigError for an invalid value.
 */
export function loadRetrievalConfig(env: NodeJS.ProcessEnv, root = PROJECT_ROOT): RetrievalConfig {
  const r = reader(env);
  const retrieval = readRetrieval(r, root);
  r.throwIfFailed();
  return retrieval;
}

function readRetrieval(r: Reader, root: string): RetrievalConfig {
  return {
    corpusDir: path(root, r.get('CORPUS_DIR') ?? 'corpus'),
    indexDir: path(root, r.get('INDEX_DIR') ?? join('index', 'article')),
    embedder: r.oneOf('EMBEDDER', ['lexical', 'transformers', 'auto'] as const, 'auto'),
    model: r.get('EMBEDDING_MODEL') ?? 'Xenova/multilingual-e5-small',
    allowRemote: r.bool('ALLOW_REMOTE_MODELS', true),
    cacheDir: path(root, r.get('MODEL_CACHE_DIR') ?? join('.cache', 'models')),
  };
}

/** REDIS_URL, checked without ever echoing it (it may hold a password). */
function readRedisUrl(r: Reader): string | undefined {
  const v = r.get('REDIS_URL');
  if (v === undefined) return undefined;
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    /* reported below */
  }
  const problem = !/^rediss?:\/\//.test(v)
    ? 'it does not start with redis:// (or rediss:// for TLS)'
    : !u
      ? 'it is not a URL'
      : !u.hostname
        ? 'it names no host'
        : !/^\/?\d{0,5}$/.test(u.pathname)
          ? 'what follows the host and port must be a database number'
          : undefined;
  if (!problem) return v;
  r.fail(
    'REDIS_URL',
    `REDIS_URL is not a Redis URL (${problem}): write it as redis://[:password@]host:port/db, e.g. redis://127.0.0.1:6379/0, or leave it ` +
      `empty for the embedded store`,
  );
  return undefined;
}

const path = (root: string, p: string) => (isAbsolute(p) ? p : resolve(root, p));

type Reader = ReturnType<typeof reader>;

/** Typed getters over the environment that collect problems instead of throwing at the first. */
function reader(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  const variables: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const fail = (name: string, problem: string) => {
    variables.push(name);
    problems.push(problem);
  };
  return {
    get,
    fail,
    int(name: string, fallback: number, min: number, max: number): number {
      const v = get(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (/^\d+$/.test(v) && n >= min && n <= max) return n;
      fail(name, `${name}="${v}" must be a whole number from ${min} to ${max} (default ${fallback})`);
      return fallback;
    },
    bool(name: string, fallback: boolean): boolean {
      const v = get(name)?.toLowerCase();
      if (v === undefined) return fallback;
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      fail(name, `${name}="${get(name)}" must be true or false (default ${fallback})`);
      return fallback;
    },
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
      const v = get(name);
      if (v === undefined) return fallback;
      if ((allowed as readonly string[]).includes(v)) return v as T;
      fail(name, `${name}="${v}" is not one of ${allowed.join(', ')} (default ${fallback})`);
      return fallback;
    },
    url(name: string, protocols: string[]): string | undefined {
      const v = get(name);
      if (v === undefined) return undefined;
      let ok = false;
      try {
        ok = protocols.includes(new URL(v).protocol);
      } catch {
        /* reported below */
      }
      if (!ok) fail(name, `${name}="${v}" must be an ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
      return ok ? v : undefined;
    },
    throwIfFailed() {
      if (problems.length > 0) throw new ConfigError(problems, variables);
    },
  };
}
