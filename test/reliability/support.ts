/**
 * Shared helpers of the reliability tests: the REAL article service over a lexical index built in
 * a temp folder, the real bot (createBot + startPolling) against the fake Bot API, a record of which
 * calls the fake failed on purpose, a reference model of the reply to a text message, and the
 * checks every sent text must pass (valid Telegram HTML, no paths, stacks or tokens).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatAnswerHtml, formatNoAnswerHtml } from '../../src/answer/format.js';
import { t } from '../../src/answer/i18n.js';
import { escapeHtml } from '../../src/answer/rich.js';
import { createBot } from '../../src/bot/bot.js';
import type { SessionData } from '../../src/bot/context.js';
import { questionText } from '../../src/bot/group.js';
import { createLogger } from '../../src/bot/logger.js';
import { PAGE_SIZE } from '../../src/bot/reply.js';
import type { RetryOptions } from '../../src/bot/retry.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { FileStorage } from '../../src/bot/storage.js';
import { loadRetrievalConfig } from '../../src/config.js';
import type { Lang } from '../../src/corpus/types.js';
import { UserError } from '../../src/errors.js';
import type { ArticleService, AskOptions } from '../../src/retrieval/types.js';
import { openService } from '../../src/setup.js';
import { startFakeBotApi, type Fault, type FakeBotApi, type RecordedCall } from '../support/fake-bot-api.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

/** A token of the shape @BotFather issues (passes BOT_TOKEN_PATTERN), so that redaction is tested on a real-looking one. */
export const TOKEN = '7312945860:AAG-reliability_fake_token_0123456789xyz';
/** The secret half of TOKEN: what must never appear anywhere. */
export const TOKEN_SECRET = TOKEN.split(':')[1];
export const BOT_USERNAME = 'article_qa_test_bot';

export interface RealService {
  service: ArticleService;
  indexDir: string;
  /** Removes the temp folder. */
  dispose(): void;
}

/** Opens the real article service over a lexical index built now in a temp folder (about 1 s). */
export async function openRealService(): Promise<RealService> {
  const root = mkdtempSync(join(tmpdir(), 'reliability-index-'));
  const indexDir = join(root, 'article');
  const opened = await openService({ ...loadRetrievalConfig({ EMBEDDER: 'lexical' }), indexDir }, { log: () => {} });
  return { service: opened.service, indexDir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** The real service with every question recorded, an optional hook before each (delay, failure). */
export interface ServiceSpy extends ArticleService {
  asked: string[];
}

export function spyService(service: ArticleService, before?: (question: string) => Promise<void> | void): ServiceSpy {
  const asked: string[] = [];
  return {
    ...service,
    asked,
    async ask(question: string, options?: AskOptions) {
      asked.push(question);
      await before?.(question);
      return service.ask(question, options);
    },
  };
}

/** The fake Bot API plus a record of the calls it failed on purpose. */
export interface Api extends FakeBotApi {
  /** Calls of `method` the fake answered normally (not failed by `failNext`), in arrival order. */
  delivered(method: string): RecordedCall[];
  /** Calls of `method` that `failNext` failed. */
  faulted(method: string): RecordedCall[];
}

/** Starts the fake Bot API with TOKEN and fault bookkeeping. */
export async function startApi(): Promise<Api> {
  const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME });
  const marks: Array<{ at: number; method: string; times: number }> = [];
  const failNext = api.failNext.bind(api);
  // the fake takes a fault for a call synchronously right after recording it, in arrival order:
  // replaying the registrations against the recorded calls tells exactly which calls failed
  const split = (method: string) => {
    const pending = new Map<string, number>();
    const out = { delivered: [] as RecordedCall[], faulted: [] as RecordedCall[] };
    let m = 0;
    api.calls.forEach((call, i) => {
      for (; m < marks.length && marks[m].at <= i; m++) pending.set(marks[m].method, (pending.get(marks[m].method) ?? 0) + marks[m].times);
      const key = call.method.toLowerCase();
      const left = pending.get(key) ?? 0;
      if (left > 0) pending.set(key, left - 1);
      if (key === method.toLowerCase()) (left > 0 ? out.faulted : out.delivered).push(call);
    });
    return out;
  };
  return Object.assign(api, {
    failNext(method: string, fault: Fault, times = 1) {
      marks.push({ at: api.calls.length, method: method.toLowerCase(), times });
      failNext(method, fault, times);
    },
    delivered: (method: string) => split(method).delivered,
    faulted: (method: string) => split(method).faulted,
  });
}

export interface BotRun {
  api: Api;
  /** Every log line (level debug and up), written by a logger that was given no secrets. */
  logs: string[];
  running: RunningBot;
  dataDir: string;
  /** Stops the bot only; the API keeps running. */
  stopBot(): Promise<void>;
  /** A new bot on the same API, service, logs and data folder. */
  restartBot(): Promise<void>;
  /** Stops the bot and the API, removes the data folder. Idempotent. */
  close(): Promise<void>;
}

export interface BotOptions {
  service: ArticleService;
  api?: Api;
  rateLimit?: { max: number; windowS: number };
  retry?: Omit<RetryOptions, 'logger'>;
  /** Called before the bot starts (faults at start-up). */
  beforeStart?: (api: Api) => void;
}

/** Starts the real bot with long polling (timeout 1 s) against a (new) fake Bot API. */
export async function startBot(options: BotOptions): Promise<BotRun> {
  const api = options.api ?? await startApi();
  options.beforeStart?.(api);
  const logs: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'reliability-data-'));
  const start = async (): Promise<RunningBot> => {
    const storage = await FileStorage.open<SessionData>(join(dataDir, 'sessions.json'));
    const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
    const bot = createBot({
      token: api.token, apiRoot: api.apiRoot, service: options.service, storage, logger,
      rateLimit: options.rateLimit ?? { max: 1000, windowS: 20 }, retry: options.retry ?? { baseDelayMs: 20, maxRetries: 3 },
    });
    return startPolling(bot, { logger, timeoutS: 1 });
  };
  let closed = false;
  const run: BotRun = {
    api, logs, dataDir, running: await start(),
    stopBot: () => run.running.stop(),
    async restartBot() { await run.running.stop(); run.running = await start(); },
    async close() {
      if (closed) return;
      closed = true;
      await run.running.stop();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return run;
}

/**
 * Reference model of the bot's reply in a private chat to a text message that is not a command:
 * what askFeature + answerQuestion send, computed straight from the service and the formatter.
 */
export async function expectedReply(service: ArticleService, text: string, ui: Lang = 'en'): Promise<string[]> {
  const question = questionText(text, BOT_USERNAME);
  if (!question) return [escapeHtml(t(ui).badQuestion)];
  try {
    const answer = await service.ask(question, { offset: 0, limit: PAGE_SIZE });
    if (!answer.answered || answer.passages.length === 0) return [formatNoAnswerHtml(answer.query, answer.lang)];
    return formatAnswerHtml(answer, answer.lang);
  } catch (err) {
    if (err instanceof UserError) return [escapeHtml(t(ui).badQuestion)];
    throw err;
  }
}

/** Texts of the delivered sendMessage calls to one chat, in order. */
export const textsTo = (api: Api, chatId: number): string[] =>
  api.delivered('sendMessage').filter((c) => Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));

/** What must never be shown to a user: file paths, stack frames, error names, the token. */
export const LEAK = /\/work\/|\/tmp\/|node_modules|\n\s*at \S|\bat \S+ \(|\bat file:|\w*Error:|\.ts:\d+/;

/**
 * Every text the bot sent or edited is HTML-mode, valid Telegram HTML of at most 4096 visible
 * characters and leaks nothing; no log line holds the token or its secret half.
 */
export function expectCleanRun(api: Api, logs: string[]): void {
  for (const c of api.calls.filter((x) => x.method === 'sendMessage' || x.method === 'editMessageText')) {
    const text = String(c.params.text);
    expect(c.params.parse_mode, `${c.method} ${text}`).toBe('HTML');
    expect(telegramHtmlProblems(text, 4096), text).toEqual([]);
    expect(text, text).not.toMatch(LEAK);
    expect(text).not.toContain(TOKEN_SECRET);
  }
  for (const line of logs) expect(line).not.toContain(TOKEN_SECRET);
}

/** Resolves after `ms`. */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (0–100) of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
