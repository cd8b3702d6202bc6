import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GrammyError, HttpError, webhookCallback, type Bot } from 'grammy';
import { UserError } from '../errors.js';
import { createMemoryStore } from '../state/memory.js';
import type { StateStore } from '../state/types.js';
import { registerCommands } from './commands.js';
import type { BotContext } from './context.js';
import { describeError, type Logger } from '../log.js';
import { BodyTooLargeError, limitedHttpAdapter, MAX_UPDATE_BYTES, refuseDeclaredTooLarge } from './webhook-body.js';
import { pollIntoInbox } from './inbox-polling.js';
import { createInboxWorker } from './inbox-worker.js';
import { handleOnce, type HandledLog } from './once.js';
import { pollUpdates } from './polling.js';

/** How long start-up tries to reach the Bot API (getMe, with retries) before it gives up with one line. */
export const START_GETME_TIMEOUT_MS = 10_000;

/** The update types the bot handles (others are not even fetched). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** Telegram refused the token at start-up. */
export class TelegramAuthError extends UserError {
  constructor() {
    super('Telegram rejected BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather into .env (see .env.example)');
  }
}

/** The Bot API cannot be reached at start-up. */
export class TelegramUnreachableError extends UserError {
  constructor(detail: string) {
    super(`cannot reach the Telegram Bot API (${detail}): check the network connection, or TELEGRAM_API_ROOT if it is set`);
  }
}

/** A started bot. */
export interface RunningBot {
  /** Stops taking updates, waits for the ones in progress, confirms them to Telegram. Idempotent. */
  stop(): Promise<void>;
  /** Webhook mode: the port actually listened on. */
  port?: number;
}

/**
 * Starts at-least-once long polling. With a store that has an inbox (the embedded one), each
 * fetched batch is written there and confirmed at once, then handled fairly from it
 * (src/bot/inbox-polling.ts); otherwise (Redis, memory: the default) an update is confirmed to
 * Telegram only after it is handled and recorded in `store` (src/bot/polling.ts). Either way a
 * crash loses none and a restart answers none twice; updates of one chat in order, others in parallel. The command menu
 * is registered in the background. `timeoutS` is the long-polling timeout (defaults to 30 s);
 * `stopTimeoutMs` bounds how long stop() waits for updates in progress (default: no bound);
 * `onCrash` is called when polling stops by itself (401, or 409: another instance polls).
 * @throws TelegramAuthError when the token is refused, TelegramUnreachableError when getMe cannot be reached.
 */
export async function startPolling(
  bot: Bot<BotContext>,
  options: {
    logger: Logger;
    store?: Pick<StateStore, 'markHandled' | 'wasHandled' | 'inbox'>;
    timeoutS?: number;
    stopTimeoutMs?: number;
    onCrash?: (err: unknown) => void;
  },
): Promise<RunningBot> {
  const { logger, store = createMemoryStore(), timeoutS = 30, stopTimeoutMs, onCrash } = options;
  await init(bot);
  await bot.api.deleteWebhook();
  const abort = new AbortController();
  const commands = registerCommands(bot.api, logger, abort.signal);
  const poller = store.inbox
    ? pollIntoInbox(bot, { logger, inbox: store.inbox, timeoutS, allowedUpdates: ALLOWED_UPDATES, onCrash })
    : pollUpdates(bot, { logger, handled: store, timeoutS, allowedUpdates: ALLOWED_UPDATES, onCrash });
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        abort.abort();
        await poller.stop({ timeoutMs: stopTimeoutMs });
        await commands;
      })()),
  };
}

/**
 * Starts webhook mode: an HTTP server on `host` (default 127.0.0.1) and `port` (0: any free port)
 * answering POSTs on the path of `url`, each checked against `secret` (Telegram's
 * X-Telegram-Bot-Api-Secret-Token header, else 401) and refused with 413 past MAX_UPDATE_BYTES
 * (1 MB; checked on Content-Length and counted as the body streams), then calls setWebhook. The command menu is registered in the
 * background. With a store that has an inbox (the embedded one), each update is written there
 * before Telegram's request is answered 200, then handled from it like long polling's
 * (src/bot/inbox-worker.ts: fairly, once, its replies journalled, what a crash leaves handled at the
 * next start). Otherwise handled update ids are recorded in `store` (default: in memory): an update
 * Telegram delivers again, to this replica or another one sharing the store, is acknowledged
 * without a second reply.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  options: { url: string; port: number; secret: string; logger: Logger; host?: string; store?: HandledLog & Pick<StateStore, 'inbox'> },
): Promise<RunningBot> {
  const { url, port, secret, logger, host = '127.0.0.1', store = createMemoryStore() } = options;
  await init(bot);
  const path = new URL(url).pathname;
  // after 9 s the request is answered but the update is still handled: stop() waits for those too
  let finishHandling: () => Promise<unknown>;
  if (store.inbox) {
    const worker = createInboxWorker(bot, { logger, inbox: store.inbox });
    bot.handleUpdate = async (update) => {
      await worker.admit([update]); // on disk: now Telegram may hear 200
    };
    finishHandling = () => worker.halt();
  } else {
    const handleOne = handleOnce(bot.handleUpdate.bind(bot), { handled: store, logger });
    bot.handleUpdate = handleOne;
    finishHandling = () => handleOne.idle();
  }
  const handleUpdate = webhookCallback(bot, limitedHttpAdapter(MAX_UPDATE_BYTES), {
    secretToken: secret,
    onTimeout: 'return',
    timeoutMilliseconds: 9_000,
  });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    if (refuseDeclaredTooLarge(req, res))
      return void logger.warn(`webhook: refused a request of ${req.headers['content-length']} bytes (over ${MAX_UPDATE_BYTES})`);
    handleUpdate(req, res).catch((err) => {
      if (err instanceof BodyTooLargeError) return void logger.warn(`webhook: refused a request body over ${MAX_UPDATE_BYTES} bytes`);
      logger.error(`webhook request failed: ${describeError(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const abort = new AbortController();
  let commands: Promise<void> = Promise.resolve();
  try {
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
    commands = registerCommands(bot.api, logger, abort.signal);
  } catch (err) {
    server.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      (stopping ??= (async () => {
        abort.abort();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await finishHandling();
        await commands;
      })()),
  };
}

/** getMe through the bounded retries (grammY's own `bot.init` would retry a network failure for ever). */
async function init(bot: Bot<BotContext>): Promise<void> {
  if (bot.isInited()) return;
  try {
    // at start-up an unreachable Bot API is said at once, not after the whole RETRY_MAX_WAIT_S of retries
    bot.botInfo = await bot.api.getMe(AbortSignal.timeout(START_GETME_TIMEOUT_MS) as Parameters<typeof bot.api.getMe>[0]);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) throw new TelegramAuthError();
    if (err instanceof HttpError) throw new TelegramUnreachableError(err.message);
    throw err;
  }
}
