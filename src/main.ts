/**
 * `npm start`: load .env → loadConfig → open the article service → create the bot → long polling
 * (or a webhook server when WEBHOOK_URL is set) → stop cleanly on SIGINT/SIGTERM.
 * A configuration or other user-fixable error prints one line to stderr and exits with 1.
 */
import { join } from 'node:path';
import { createBot } from './bot/bot.js';
import { runEntry } from './entry.js';
import { createLogger, type Logger } from './log.js';
import { createRedisRateLimiter } from './bot/rate-limit-redis.js';
import { startPolling, startWebhook, type RunningBot } from './bot/run.js';
import { storeUserSessions } from './bot/session.js';
import { loadConfig, type Config } from './config.js';
import type { ArticleService } from './retrieval/types.js';
import { openService as openRetrieval } from './setup.js';
import { checkDataDir } from './state/data-dir.js';
import { openEmbeddedStore } from './state/embedded.js';
import { LEGACY_SESSIONS_FILE, migrateSessionsFile } from './state/migrate.js';
import { credentials } from './state/redis-connection.js';
import { openRedisStore, type RedisStateStore } from './state/redis.js';
import type { StateStore } from './state/types.js';

/**
 * Opens the article service for the bot (corpus → embedder → index, rebuilt when missing or
 * stale → service) through `openService` of src/setup.ts; progress and notices go to the log.
 */
async function openArticleService(config: Config, logger: Logger): Promise<ArticleService> {
  const opened = await openRetrieval(config.retrieval, { log: (line) => logger.info(line) });
  logger.info(`article index: ${opened.meta.embedder.id} embedder${opened.rebuilt ? ' (rebuilt now)' : ''}`);
  return opened.service;
}

/** How long start-up waits for Redis (REDIS_URL) to answer before it gives up with one line. */
export const REDIS_CONNECT_TIMEOUT_MS = 5000;

/**
 * Opens the state store: Redis when REDIS_URL is set (shared by every replica), else the embedded
 * store in DATA_DIR, into which an earlier version's sessions.json is migrated once.
 */
async function openStateStore(config: Config, logger: Logger): Promise<StateStore | RedisStateStore> {
  if (config.redisUrl) {
    const redis = await openRedisStore(config.redisUrl, { logger, connectTimeoutMs: REDIS_CONNECT_TIMEOUT_MS });
    logger.info(
      `state store: Redis at ${redis.connection.where} (user settings, conversations, handled updates and the rate limit shared by every ` +
        `replica)`,
    );
    return redis;
  }
  const store = await openEmbeddedStore(config.dataDir, { warn: (line) => logger.warn(line) });
  try {
    const legacy = join(config.dataDir, LEGACY_SESSIONS_FILE);
    const migrated = await migrateSessionsFile(legacy, storeUserSessions(store));
    if (migrated !== undefined)
      logger.info(
        `migrated ${migrated} user settings from ${legacy} into the state store (the file is kept as ${LEGACY_SESSIONS_FILE}.migrated)`,
      );
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/**
 * Runs the bot until SIGINT or SIGTERM. Returns the process exit code.
 * ```ts
 * process.exitCode = await main(process.env);
 * ```
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadConfig(env);
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.botToken, config.webhook?.secret, ...credentials(config.redisUrl ?? '')],
  });
  // DATA_DIR checked before anything can write into it; the store first: an unreachable Redis is reported before a long index build
  if (!config.redisUrl) checkDataDir(config.dataDir, { indexDir: config.retrieval.indexDir });
  const store = await openStateStore(config, logger);
  const service = await openArticleService(config, logger).catch(async (err) => {
    await store.close();
    throw err;
  });
  const { max, windowS } = config.rateLimit;
  const limiter =
    'connection' in store ? createRedisRateLimiter(store.connection, { max, windowMs: windowS * 1000, prefix: store.prefix }) : undefined;
  const bot = createBot({
    token: config.botToken,
    apiRoot: config.apiRoot,
    service,
    store,
    limiter,
    logger,
    rateLimit: config.rateLimit,
    dialogueTtlMin: config.dialogueTtlMin,
    retry: { maxWaitMs: config.retryMaxWaitS * 1000 },
  });
  let crashed: (err: unknown) => void = () => undefined;
  const crash = new Promise<'crash'>((resolveCrash) => {
    crashed = () => resolveCrash('crash');
  });
  // listen for SIGINT/SIGTERM before the first update can arrive (earlier, Ctrl+C simply ends a long index build)
  const signal = waitForSignal();
  const running: RunningBot = config.webhook
    ? await startWebhook(bot, { ...config.webhook, logger, store })
    : await startPolling(bot, { logger, store, onCrash: (err) => crashed(err) });
  logger.info(
    `@${bot.botInfo.username} is answering (${config.webhook ? `webhook on port ${running.port}` : 'long polling'}); Ctrl+C stops it`,
  );
  const reason = await Promise.race([signal, crash]);
  logger.info(`${reason}: stopping`);
  const stopped = await withDeadline(
    (async () => {
      await running.stop();
      await store.close();
    })(),
    config.stopTimeoutS * 1000,
  );
  if (!stopped) {
    logger.warn(
      `work in flight did not finish within STOP_TIMEOUT_S=${config.stopTimeoutS} s: exiting anyway (Telegram sends unconfirmed updates ` +
        `again)`,
    );
    await withDeadline(store.close(), 1000); // what was recorded as handled reaches the disk: those are not answered twice
    return 1;
  }
  logger.info('stopped');
  return reason === 'crash' ? 1 : 0;
}

/** Resolves true when `work` settles within `ms`, false otherwise (the work is left running). */
function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolveDeadline) => {
    timer = setTimeout(() => resolveDeadline(false), ms);
  });
  const done = work.then(() => true);
  return Promise.race([done, deadline]).finally(() => clearTimeout(timer));
}

/** Resolves with the first SIGINT/SIGTERM; a second one exits at once. */
function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}

// .env is loaded and a failure printed (one line, secrets redacted) by the shared bootstrap
runEntry(import.meta.url, main, { forceExitMs: 2000 });
