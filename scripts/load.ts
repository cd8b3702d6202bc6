/**
 * Load test of the bot and the article service, without Telegram:
 * ```sh
 * npx tsx scripts/load.ts [--users 40] [--messages 5] [--questions 10000]
 * ```
 * 1. Burst: `users` private chats each send `messages` different questions at once to the real bot
 *    (createBot + startPolling, @grammyjs/runner) over a fake Bot API on 127.0.0.1, with the real
 *    article service over a lexical index built in a temp folder. Prints throughput (updates/s, from
 *    the first update pushed to the last reply) and the handling time per update (from pushing it
 *    to the last part of its reply) as p50/p95/max, and checks every chat got exactly the expected
 *    replies in the order it asked.
 * 2. Memory: `questions` questions straight through service.ask + formatAnswerHtml/formatNoAnswerHtml;
 *    prints the heap before and after (after a forced GC) and the growth.
 * Exits with 1 when a reply is missing, doubled or out of order. `runBurst` and `measureMemory` are
 * what test/reliability/load.test.ts runs at a smaller scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { StorageAdapter } from 'grammy';
import { formatAnswerHtml, formatNoAnswerHtml } from '../src/answer/format.js';
import { createBot } from '../src/bot/bot.js';
import type { SessionData } from '../src/bot/context.js';
import { createLogger } from '../src/log.js';
import { startPolling } from '../src/bot/run.js';
import { loadRetrievalConfig } from '../src/config.js';
import { QuestionError } from '../src/errors.js';
import type { ArticleService } from '../src/retrieval/types.js';
import { openService } from '../src/setup.js';
import { startFakeBotApi } from '../test/support/fake-bot-api.js';
import { BOT_USERNAME, expectedReply, percentile, QUESTIONS, TOKEN } from '../test/reliability/model.js';

export interface BurstOptions {
  service: ArticleService;
  /** Private chats, one user each. Defaults to 40. */
  users?: number;
  /** Different questions per user, sent at once. Defaults to 5 (at most 20). */
  messages?: number;
  /** Defaults to the bot's default: 8 questions per 20 s per user. */
  rateLimit?: { max: number; windowS: number };
  /** Extra time (ms) spent on a question before the service answers it, e.g. to make handling times uneven. Defaults to none. */
  delayMs?: (question: string) => number;
}

export interface ChatResult {
  chatId: number;
  questions: string[];
  expected: string[];
  got: string[];
}

export interface BurstResult {
  updates: number;
  /** Updates whose reply arrived complete. */
  answered: number;
  /** Chats whose replies are exactly the expected ones, once each, in the order asked. */
  chatsInOrder: number;
  chats: ChatResult[];
  /** From the first update pushed to the last reply, ms. */
  elapsedMs: number;
  /** Updates per second over elapsedMs. */
  throughput: number;
  /** Handling time per update (push → last part of its reply), ms. */
  p50: number;
  p95: number;
  max: number;
  /** WARN and ERROR lines the bot logged. */
  problems: string[];
}

/** Runs one burst against a fresh fake Bot API and bot; both are stopped before it resolves. */
export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const { service, users = 40, messages = 5, rateLimit = { max: 8, windowS: 20 }, delayMs } = options;
  if (messages > QUESTIONS.length) throw new Error(`at most ${QUESTIONS.length} messages per user`);
  const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME });
  const problems: string[] = [];
  const logger = createLogger({ level: 'warn', write: (line) => problems.push(line) });
  const sessions = new Map<string, SessionData>();
  const storage: StorageAdapter<SessionData> = {
    read: (k) => sessions.get(k),
    write: (k, v) => {
      sessions.set(k, v);
    },
    delete: (k) => {
      sessions.delete(k);
    },
  };
  const slowed: ArticleService = delayMs
    ? {
        ...service,
        ask: async (q, o) => {
          await new Promise((r) => setTimeout(r, delayMs(q)));
          return service.ask(q, o);
        },
      }
    : service;
  // the bot's own capacity: Telegram's limits (throttle.ts, ~30 messages/s) would cap the fake's throughput
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: slowed, storage, logger, rateLimit, throttle: false });
  const running = await startPolling(bot, { logger, timeoutS: 1 });
  try {
    const replies = new Map<string, string[]>();
    for (const q of QUESTIONS) replies.set(q, await expectedReply(service, q));
    const chats = Array.from({ length: users }, (_, u) => {
      // step 3 through the 20 questions: 5 different ones per user, in a different order for each
      const questions = Array.from({ length: messages }, (_, k) => QUESTIONS[(u + k * 3) % QUESTIONS.length]);
      return {
        chatId: 100_000 + u,
        questions,
        parts: questions.map((q) => replies.get(q)!.length),
        expected: questions.flatMap((q) => replies.get(q)!),
      };
    });
    const pushedAt = new Map<number, number[]>(chats.map((c) => [c.chatId, []]));
    const started = Date.now();
    for (let k = 0; k < messages; k++) {
      for (const c of chats) {
        api.sendText({ chatId: c.chatId, text: c.questions[k] });
        pushedAt.get(c.chatId)!.push(Date.now());
      }
    }
    const sentTo = (chatId: number) => api.calls.filter((x) => x.method === 'sendMessage' && Number(x.params.chat_id) === chatId);
    const total = chats.reduce((n, c) => n + c.expected.length, 0);
    const deadline = Date.now() + 60_000;
    while (api.calls.filter((x) => x.method === 'sendMessage').length < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100)); // a doubled reply would arrive now
    const latencies: number[] = [];
    let answered = 0;
    let last = started;
    const results = chats.map((c) => {
      const sent = sentTo(c.chatId);
      let end = 0;
      c.parts.forEach((n, k) => {
        end += n;
        if (sent.length >= end) {
          answered += 1;
          latencies.push(sent[end - 1].at - pushedAt.get(c.chatId)![k]);
          last = Math.max(last, sent[end - 1].at);
        }
      });
      return { chatId: c.chatId, questions: c.questions, expected: c.expected, got: sent.map((x) => String(x.params.text)) };
    });
    const elapsedMs = Math.max(1, last - started);
    return {
      updates: users * messages,
      answered,
      chats: results,
      elapsedMs,
      problems,
      chatsInOrder: results.filter((r) => JSON.stringify(r.got) === JSON.stringify(r.expected)).length,
      throughput: Number(((answered / elapsedMs) * 1000).toFixed(1)),
      p50: percentile(latencies, 50) ?? NaN,
      p95: percentile(latencies, 95) ?? NaN,
      max: Math.max(...latencies),
    };
  } finally {
    await running.stop();
    await api.close();
  }
}

/** `global.gc` without `--expose-gc` on the command line (V8 flag set at run time), or undefined. */
export function exposeGc(): (() => void) | undefined {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

export interface MemoryResult {
  questions: number;
  ms: number;
  /** Heap used after a forced GC, before and after the questions, MB. */
  heapBeforeMb: number;
  heapAfterMb: number;
  growthMb: number;
  rssMb: number;
  /** False when no GC could be forced (the heap figures are then noisy). */
  gc: boolean;
}

/** The i-th question of the memory run: the 20 questions with changing tails, a too-long and an empty one now and then. */
export function memoryQuestion(i: number): string {
  if (i % 50 === 49) return 'x '.repeat(600);
  if (i % 50 === 48) return '\u200b';
  return `${QUESTIONS[i % QUESTIONS.length]}${' ?!.'[i % 4]}${i % 7 === 0 ? ` ${i}` : ''}`;
}

/** Asks `questions` questions (after `warmup` ones) through service.ask and the HTML formatter, measuring the heap. */
export async function measureMemory(service: ArticleService, options: { questions?: number; warmup?: number } = {}): Promise<MemoryResult> {
  const { questions = 10_000, warmup = 300 } = options;
  const gc = exposeGc();
  let chars = 0;
  const askOne = async (i: number) => {
    try {
      const answer = await service.ask(memoryQuestion(i), { limit: 3 });
      const parts =
        answer.answered && answer.passages.length > 0
          ? formatAnswerHtml(answer, answer.lang)
          : [formatNoAnswerHtml(answer.query, answer.lang)];
      chars += parts.reduce((n, p) => n + p.length, 0);
    } catch (err) {
      if (!(err instanceof QuestionError)) throw err;
    }
  };
  for (let i = 0; i < warmup; i++) await askOne(i);
  const heap = () => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const before = heap();
  const started = performance.now();
  for (let i = 0; i < questions; i++) await askOne(warmup + i);
  const ms = performance.now() - started;
  const after = heap();
  if (chars === 0) throw new Error('no reply was formatted');
  const mb = (n: number) => Number(n.toFixed(2));
  return {
    questions,
    ms: Math.round(ms),
    heapBeforeMb: mb(before),
    heapAfterMb: mb(after),
    growthMb: mb(after - before),
    rssMb: mb(process.memoryUsage().rss / 2 ** 20),
    gc: gc !== undefined,
  };
}

/** Opens the real service over a lexical index built in a temp folder; `dispose` removes the folder. */
export async function openLexicalService(): Promise<{ service: ArticleService; dispose: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'load-index-'));
  const opened = await openService({ ...loadRetrievalConfig({ EMBEDDER: 'lexical' }), indexDir: join(root, 'article') }, { log: () => {} });
  return { service: opened.service, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return v;
}

async function main(): Promise<number> {
  const users = arg('users', 40);
  const messages = arg('messages', 5);
  const questions = arg('questions', 10_000);
  const { service, dispose } = await openLexicalService();
  try {
    const b = await runBurst({ service, users, messages });
    const ok = b.answered === b.updates && b.chatsInOrder === users;
    process.stdout.write(
      [
        `burst: ${users} users × ${messages} messages = ${b.updates} updates at once`,
        `  answered ${b.answered}/${b.updates}; chats with every reply once and in order: ${b.chatsInOrder}/${users}`,
        `  throughput ${b.throughput} updates/s (${b.elapsedMs} ms from the first update to the last reply)`,
        `  handling time per update: p50 ${b.p50} ms, p95 ${b.p95} ms, max ${b.max} ms`,
        `  warnings/errors logged: ${b.problems.length}`,
        '',
      ].join('\n'),
    );
    const m = await measureMemory(service, { questions });
    process.stdout.write(
      [
        `memory: ${m.questions} questions through service.ask + formatter in ${(m.ms / 1000).toFixed(1)} s ` +
          `(${(m.ms / m.questions).toFixed(2)} ms each)`,
        `  heap after GC: ${m.heapBeforeMb} MB → ${m.heapAfterMb} MB (growth ${m.growthMb} MB); rss ${m.rssMb} ` +
          `MB${m.gc ? '' : ' (no forced GC: figures are noisy)'}`,
        '',
      ].join('\n'),
    );
    return ok && b.problems.length === 0 ? 0 : 1;
  } finally {
    dispose();
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntryPoint) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`error: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
