/**
 * The bot as Telegram drives it: the real grammY bot (createBot + startPolling, as src/main.ts
 * starts it) against the fake Bot API of test/support over HTTP with real long polling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from '../test/support/fake-bot-api.js';
import { createBot } from '../src/bot/bot.js';
import { createLogger, type Logger } from '../src/log.js';
import { startPolling, type RunningBot } from '../src/bot/run.js';
import { openEmbeddedStore } from '../src/state/embedded.js';
import type { StateStore } from '../src/state/types.js';
import { LANGS } from '../src/corpus/types.js';
import { parseEvalSet, type EvalItem } from '../src/eval/score.js';
import type { ArticleService } from '../src/retrieval/types.js';
import { PROJECT_ROOT } from '../src/config.js';
import { percentiles } from './quality.js';

export interface BotBenchOptions {
  service: ArticleService;
  /** Questions pushed at once after start-up. Defaults to 200. */
  updates?: number;
  /** Private chats (one user each) they come from, round robin. Defaults to 40. */
  users?: number;
  /** The questions, used in turn. Defaults to the dev set (test/eval/dev.jsonl), kk/ru/en interleaved. */
  questions?: string[];
  /** How long to wait for all replies, in ms; the ones still missing then are not counted. Defaults to 60 000. */
  timeoutMs?: number;
  /** Where the bot logs. Defaults to warnings and errors on stderr. */
  logger?: Logger;
}

export interface BotBenchResult {
  /** From createBot to the reply to a question pushed at that moment (getMe, deleteWebhook, first poll, answer), ms. */
  startupMs: number;
  /** Replies per second, from pushing the batch until the last reply. */
  throughputPerSec: number;
  /** 95th percentile of pushUpdate → sendMessage over the batch, ms. */
  p95Ms: number;
  /** Questions of the batch that got a reply within `timeoutMs`. */
  answered: number;
}

/** Id of the chat whose question measures start-up; batch chats are 1001, 1002, … */
const STARTUP_CHAT = 1;
const FIRST_BATCH_CHAT = 1001;

/**
 * Starts the fake Bot API and the real bot, measures start-up to the first answer, then pushes
 * `updates` questions from `users` chats at once and measures throughput and p95 latency; stops
 * everything. Each question's reply is one message (three passages stay far below Telegram's
 * limit): the k-th message to a chat is taken as the reply to its k-th question. The per-user rate
 * limit is raised so that every question is answered.
 * ```ts
 * const { startupMs, throughputPerSec, p95Ms } = await benchBot({ service });
 * ```
 * @throws Error when the start-up question gets no reply within `timeoutMs`.
 */
export async function benchBot(options: BotBenchOptions): Promise<BotBenchResult> {
  const { service, updates = 200, users = 40, timeoutMs = 60_000, logger = createLogger({ level: 'warn' }) } = options;
  const questions = options.questions ?? devQuestions();
  const api = await startFakeBotApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-bot-'));
  let running: RunningBot | undefined;
  let store: StateStore | undefined;
  try {
    store = await openEmbeddedStore(dataDir);
    const first = api.waitForCalls('sendMessage', 1, { filter: (p) => Number(p.chat_id) === STARTUP_CHAT, timeoutMs });
    const startedAt = Date.now();
    const bot = createBot({
      token: api.token,
      apiRoot: api.apiRoot,
      service,
      store,
      logger,
      rateLimit: { max: Math.max(8, Math.ceil(updates / users)), windowS: 20 },
      throttle: false,
    }); // the bot's own capacity, not Telegram's ~30 messages/s
    api.sendText({ chatId: STARTUP_CHAT, text: questions[0] });
    running = await startPolling(bot, { logger, store });
    const startupMs = (await first)[0].at - startedAt;

    const pushes = pushBatch(api, questions, updates, users);
    await api.waitForCalls('sendMessage', updates, { filter: (p) => pushes.has(Number(p.chat_id)), timeoutMs }).catch(() => undefined);
    const latencies = matchReplies(api.calls, pushes);
    const elapsedMs = Math.max(1, Math.max(...latencies.map((l) => l.at)) - Math.min(...[...pushes.values()].flat()));
    return {
      startupMs,
      throughputPerSec: Math.round((latencies.length / elapsedMs) * 1000 * 10) / 10,
      p95Ms: percentiles(latencies.map((l) => l.ms)).p95,
      answered: latencies.length,
    };
  } finally {
    await running?.stop();
    await store?.close();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pushes the batch: question i from chat FIRST_BATCH_CHAT + i mod users. Returns each chat's push times in order. */
function pushBatch(api: FakeBotApi, questions: string[], updates: number, users: number): Map<number, number[]> {
  const pushes = new Map<number, number[]>();
  for (let i = 0; i < updates; i++) {
    const chatId = FIRST_BATCH_CHAT + (i % users);
    pushes.set(chatId, [...(pushes.get(chatId) ?? []), Date.now()]);
    api.sendText({ chatId, text: questions[i % questions.length] });
  }
  return pushes;
}

/** Pairs the k-th message to a chat with its k-th question: when it arrived and how long after the push. */
function matchReplies(calls: RecordedCall[], pushes: Map<number, number[]>): Array<{ at: number; ms: number }> {
  const seen = new Map<number, number>();
  const out: Array<{ at: number; ms: number }> = [];
  for (const c of calls) {
    const chatId = Number(c.params.chat_id);
    const pushedAt = c.method === 'sendMessage' ? pushes.get(chatId)?.[seen.get(chatId) ?? 0] : undefined;
    if (pushedAt === undefined) continue;
    seen.set(chatId, (seen.get(chatId) ?? 0) + 1);
    out.push({ at: c.at, ms: c.at - pushedAt });
  }
  return out;
}

/** The dev set's questions with the languages interleaved (kk, ru, en, kk, …) so any prefix mixes them. */
function devQuestions(): string[] {
  const items = parseEvalSet(readFileSync(resolve(PROJECT_ROOT, 'test/eval/dev.jsonl'), 'utf8'), 'dev.jsonl');
  const byLang = LANGS.map((lang) => items.filter((i: EvalItem) => i.lang === lang));
  const out: string[] = [];
  for (let k = 0; out.length < items.length; k++) for (const list of byLang) if (list[k]) out.push(list[k].q);
  return out;
}
