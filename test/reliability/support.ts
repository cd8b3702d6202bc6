/**
 * Shared helpers of the reliability tests: the REAL article service over a lexical index built in
 * a temp folder, the real bot (createBot + startPolling) against the fake Bot API, a record of which
 * calls the fake failed on purpose, and the checks every sent text must pass (valid Telegram HTML,
 * no paths, stacks or tokens). The reference model of a reply and the questions are in model.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import type { RetryOptions } from '../../src/bot/retry.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { loadRetrievalConfig } from '../../src/config.js';
import type { ArticleService, AskOptions } from '../../src/retrieval/types.js';
import { openService } from '../../src/setup.js';
import { openEmbeddedStore } from '../../src/state/embedded.js';
import { startFakeBotApi, type Fault, type FakeBotApi, type RecordedCall } from '../support/fake-bot-api.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

import { BOT_USERNAME, expectedReply, QUESTIONS, TOKEN, TOKEN_SECRET } from './model.js';

export { BOT_USERNAME, expectedReply, percentile, QUESTIONS, TOKEN, TOKEN_SECRET } from './model.js';

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
  /** Calls of `method` the fake carried out (not failed by `failNext`; a 'hang' is carried out late), in arrival order. */
  delivered(method: string): RecordedCall[];
  /** Calls of `method` that `failNext` failed (429, 500, 502, drop). */
  faulted(method: string): RecordedCall[];
}

/** Starts the fake Bot API with TOKEN and fault bookkeeping. */
export async function startApi(): Promise<Api> {
  const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME });
  const marks: Array<{ at: number; method: string; kinds: Array<Fault['kind']> }> = [];
  const failNext = api.failNext.bind(api);
  // the fake takes a fault for a call synchronously right after recording it, in arrival order:
  // replaying the registrations against the recorded calls tells exactly which calls failed
  const split = (method: string) => {
    const pending = new Map<string, Array<Fault['kind']>>();
    const out = { delivered: [] as RecordedCall[], faulted: [] as RecordedCall[] };
    let m = 0;
    api.calls.forEach((call, i) => {
      for (; m < marks.length && marks[m].at <= i; m++)
        pending.set(marks[m].method, [...(pending.get(marks[m].method) ?? []), ...marks[m].kinds]);
      const key = call.method.toLowerCase();
      const kind = pending.get(key)?.shift();
      if (key === method.toLowerCase()) (kind === undefined || kind === 'hang' ? out.delivered : out.faulted).push(call);
    });
    return out;
  };
  return Object.assign(api, {
    failNext(method: string, fault: Fault, times = 1) {
      marks.push({ at: api.calls.length, method: method.toLowerCase(), kinds: Array(times).fill(fault.kind) });
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
  const api = options.api ?? (await startApi());
  options.beforeStart?.(api);
  const logs: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'reliability-data-'));
  const start = async (): Promise<RunningBot> => {
    const store = await openEmbeddedStore(dataDir);
    const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
    const bot = createBot({
      token: api.token,
      apiRoot: api.apiRoot,
      service: options.service,
      store,
      logger,
      rateLimit: options.rateLimit ?? { max: 1000, windowS: 20 },
      retry: options.retry ?? { baseDelayMs: 20, maxRetries: 3 },
    });
    const running = await startPolling(bot, { logger, store, timeoutS: 1 });
    return {
      stop: async () => {
        await running.stop();
        await store.close();
      },
    };
  };
  let closed = false;
  const run: BotRun = {
    api,
    logs,
    dataDir,
    running: await start(),
    stopBot: () => run.running.stop(),
    async restartBot() {
      await run.running.stop();
      run.running = await start();
    },
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

/** Texts of the delivered sendMessage calls to one chat, in order. */
export const textsTo = (api: Api, chatId: number): string[] =>
  api
    .delivered('sendMessage')
    .filter((c) => Number(c.params.chat_id) === chatId)
    .map((c) => String(c.params.text));

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

/** Resolves once `condition()` holds (checked every 20 ms); rejects after `timeoutMs` naming `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(20);
  }
}

/** One question per chat, pushed at once; each with the reply the reference model expects. */
export interface Pushed {
  chatId: number;
  question: string;
  updateId: number;
  expected: string[];
}

export async function pushQuestions(service: ArticleService, api: Api, chatIds: number[], offset = 0): Promise<Pushed[]> {
  const plan = await Promise.all(
    chatIds.map(async (chatId, i) => {
      const question = QUESTIONS[(offset + i) % QUESTIONS.length];
      return { chatId, question, expected: await expectedReply(service, question) };
    }),
  );
  return plan.map((p) => ({ ...p, updateId: api.sendText({ chatId: p.chatId, text: p.question }) }));
}

/** Waits until every pushed question has at least its expected number of delivered parts. */
export const allAnswered = (api: Api, pushed: Array<Pick<Pushed, 'chatId' | 'expected'>>, timeoutMs = 10_000) =>
  until(() => pushed.every((p) => textsTo(api, p.chatId).length >= p.expected.length), `answers to ${pushed.length} questions`, timeoutMs);
