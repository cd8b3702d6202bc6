import { sequentialize } from '@grammyjs/runner';
import { Bot, session, type StorageAdapter } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createDialogueEngine } from '../dialogue/engine.js';
import { BoundedMemoryStorage } from '../dialogue/memory-storage.js';
import { isDialogueState, type DialogueState } from '../dialogue/state.js';
import { validated } from '../state/validate.js';
import type { ArticleService } from '../retrieval/types.js';
import { DEFAULT_RATE_LIMIT } from '../config.js';
import { createMemoryStore } from '../state/memory.js';
import type { StateStore } from '../state/types.js';
import type { BotContext, BotDeps, SessionData } from './context.js';
import { createDialogueSessions, DIALOGUE_NAMESPACE } from './dialogue-store.js';
import { aboutFeature } from './features/about.js';
import { askFeature } from './features/ask.js';
import { callbacksFeature } from './features/callbacks.js';
import { findingsFeature } from './features/findings.js';
import { helpFeature } from './features/help.js';
import { INLINE_QUERIES_PER_QUESTION, inlineFeature } from './features/inline.js';
import { langFeature } from './features/lang.js';
import { sectionsFeature } from './features/sections.js';
import { startFeature } from './features/start.js';
import { unhandledFeature } from './features/unhandled.js';
import { groupGate } from './group.js';
import { describeError, redactingLogger, type Logger } from '../log.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { outgoingAgent } from './outgoing-agent.js';
import { resendRejected } from './rejected.js';
import { botApiFetch } from './http-fetch.js';
import { htmlByDefault } from './parse-mode.js';
import { PAGE_SIZE } from './reply.js';
import { autoRetry, type RetryOptions } from './retry.js';
import { storeUserSessions, userSessions } from './session.js';
import { throttle, type ThrottleLimits } from './throttle.js';

export interface CreateBotOptions {
  /** Bot token from @BotFather; never logged. */
  token: string;
  /** Bot API server root, e.g. a local Bot API server or a test fake. Defaults to https://api.telegram.org. */
  apiRoot?: string;
  service: ArticleService;
  /** What survives a restart (user settings, conversations), e.g. `openEmbeddedStore('data')`. Defaults to an in-memory store. */
  store?: StateStore;
  /** Where per-user settings (the /lang choice) are kept instead of `store` (tests: grammY's MemorySessionStorage). */
  storage?: StorageAdapter<SessionData>;
  logger: Logger;
  /** Questions per user per window. Defaults to 8 per 20 s. */
  rateLimit?: { max: number; windowS: number };
  /** Counts the questions instead of an in-memory limiter over `rateLimit` (e.g. the Redis one, shared by replicas). */
  limiter?: RateLimiter;
  /** Retries of failed Bot API calls (429, 5xx, network). Defaults: see `autoRetry`. */
  retry?: Omit<RetryOptions, 'logger'>;
  /** Outgoing calls per chat and in all: defaults to `TELEGRAM_LIMITS` (throttle.ts); false turns throttling off. */
  throttle?: ThrottleLimits | false;
  /**
   * Where each chat's dialogue state is kept (e.g. the state store's `sessions('dialogue', { ttlS })`
   * or Redis). Defaults to a bounded in-memory storage (lost on restart).
   */
  dialogueStorage?: StorageAdapter<DialogueState>;
  /** Dialogue state idle longer than this is ignored, in minutes (DIALOGUE_TTL_MIN). Defaults to 30. */
  dialogueTtlMin?: number;
  /** The bot's own user, to skip getMe (tests). Defaults to asking the Bot API at start. */
  botInfo?: UserFromGetMe;
}

/**
 * Creates the bot with every feature registered (start, help, about, sections, findings, lang,
 * ask, callbacks, inline, then unhandled) but does not start it: see `startPolling` and
 * `startWebhook`. Nothing is sent to Telegram until then.
 * ```ts
 * const bot = createBot({ token, service, store, logger });
 * const running = await startPolling(bot, { logger, store });
 * ```
 */
export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const {
    token,
    apiRoot,
    service,
    store = createMemoryStore(),
    rateLimit = DEFAULT_RATE_LIMIT,
    retry,
    botInfo,
    dialogueTtlMin = 30,
    throttle: limits,
  } = options;
  const ttlMs = dialogueTtlMin * 60_000;
  const logger = redactingLogger(options.logger, [token]);
  // our lean fetch (src/bot/http-fetch.ts) over our agent, which tells the reply journal when a request has left (outgoing-agent.ts)
  const client = { fetch: botApiFetch as never, ...(apiRoot ? { apiRoot } : {}), baseFetchConfig: { agent: outgoingAgent(apiRoot) } };
  const bot = new Bot<BotContext>(token, { client, ...(botInfo ? { botInfo } : {}) });
  // innermost first: every retry waits its turn in the throttle; every resent part is retried
  if (limits !== false) bot.api.config.use(throttle(limits));
  bot.api.config.use(autoRetry({ ...retry, logger }));
  bot.api.config.use(resendRejected({ logger }));
  bot.api.config.use(htmlByDefault); // outside resendRejected: its plain-text resend stays plain
  // the conversations: in the state store when there is one (they survive a restart), else in a bounded memory
  const dialogueStorage =
    options.dialogueStorage ??
    (options.store
      ? store.sessions<DialogueState>(DIALOGUE_NAMESPACE, { ttlS: dialogueTtlMin * 60 })
      : new BoundedMemoryStorage<DialogueState>({ ttlMs }));
  const users = userSessions(options.storage ?? storeUserSessions(store), (line) => logger.warn(line));

  const deps: BotDeps = {
    service,
    logger,
    limiter: options.limiter ?? createRateLimiter({ max: rateLimit.max, windowMs: rateLimit.windowS * 1000 }),
    dialogue: createDialogueEngine({ service, pageSize: PAGE_SIZE, ttlMs }),
    dialogues: createDialogueSessions(validated(dialogueStorage, isDialogueState, (line) => logger.warn(line))),
  };
  bot.use(sequentialize((ctx: BotContext) => [ctx.chat?.id, ctx.from?.id].filter((id) => id !== undefined).map(String)));
  bot.use(session({ initial: (): SessionData => ({}), storage: users, getSessionKey: (ctx) => ctx.from?.id.toString() }));
  bot.use(groupGate());
  bot.use(startFeature(deps), helpFeature(), aboutFeature(), sectionsFeature(deps), findingsFeature(deps), langFeature(users));
  const inlineLimiter = createRateLimiter({ max: rateLimit.max * INLINE_QUERIES_PER_QUESTION, windowMs: rateLimit.windowS * 1000 });
  bot.use(askFeature(deps), callbacksFeature(deps), inlineFeature({ ...deps, limiter: inlineLimiter }));
  bot.use(unhandledFeature());

  bot.catch((err) => {
    logger.error(`update ${err.ctx.update.update_id} failed: ${describeError(err.error)}`);
  });
  return bot;
}
