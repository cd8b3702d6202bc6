/**
 * The crash trial of issue 10, shared by test/reliability/crash.test.ts (a few trials) and
 * bench/state.ts (the full 5 × 50): `src/main.ts` runs as a child process against the fake Bot
 * API (which honours getUpdates offsets, with latency); bursts of questions (5 per chat) are
 * pushed, the bot is killed (SIGKILL or SIGTERM) a chosen time after each burst was pushed and
 * started again; at the end every question must have its expected reply, in order. A /lang
 * choice is killed with SIGKILL the moment the user is told it is saved, and must be kept.
 * No vitest here.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatAboutHtml } from '../../src/answer/views.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { spawnMain } from '../support/main-process.js';
import { BOT_USERNAME, expectedReply, QUESTIONS, TOKEN } from './model.js';

/** How long the bot may take to start (tsx, the index) on a busy 2-core machine. */
export const START_TIMEOUT_MS = 20_000;
/** How long the last restarted bot may take to answer what is left. */
const SETTLE_TIMEOUT_MS = 30_000;
/** Questions per chat in a burst (asked one after another: the replies come in waves). */
const PER_CHAT = 5;

export interface Kill {
  signal: 'SIGKILL' | 'SIGTERM';
  /** Killed this long after the burst was pushed. */
  afterMs: number;
}

export interface TrialOptions {
  service: ArticleService;
  indexDir: string;
  /** One burst per kill. */
  kills: Kill[];
  /** Questions per burst, 5 per chat. Defaults to 50. */
  questions?: number;
  /** Bot API latency per request. Defaults to 100 ms. */
  latencyMs?: number;
}

export interface TrialResult {
  asked: number;
  chats: number;
  /** Chats that got exactly their expected replies, in order, each once. */
  exact: number;
  /** Expected reply parts never delivered. */
  lost: number;
  /**
   * Reply parts delivered more than once. The fake carries out a request received whole even when
   * the bot died while it waited (as Telegram does), so every reply in flight at a kill is
   * delivered, and the restarted bot must know it was (src/bot/reply-journal.ts).
   */
  duplicates: number;
  /** For each duplicate: when its first copy arrived, in ms from the nearest SIGKILL (negative: before it). */
  duplicateOffsetsMs: number[];
  /** Whether the /lang choice confirmed just before the first kill was kept. */
  langKept: boolean;
  /** Replies of each burst delivered when its kill was sent (of questions × parts). */
  repliesAtKill: number[];
  /** What went wrong, for a failure message: chats and their texts, the children's output tails. */
  problems: string[];
}

/** Runs the bursts with their kills and restarts; resolves with the counts. */
export async function runCrashTrial(options: TrialOptions): Promise<TrialResult> {
  const { service, indexDir, kills, questions = 50, latencyMs = 100 } = options;
  const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME, latencyMs });
  const root = mkdtempSync(join(tmpdir(), 'crash-trial-'));
  const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, INDEX_DIR: indexDir, DATA_DIR: join(root, 'data') };
  const children: Child[] = [];
  const problems: string[] = [];
  try {
    const start = async () => {
      const c = startBot(env);
      children.push(c);
      await c.ready;
      return c;
    };
    let child = await start();
    const kill = async (signal: Kill['signal']) => {
      child.proc.kill(signal);
      if (signal === 'SIGKILL') killedAt.push(Date.now());
      const exit = await child.exited;
      if (signal === 'SIGTERM' && exit.code !== 0) problems.push(`SIGTERM exit ${JSON.stringify(exit)}: ${child.output().slice(-2000)}`);
      child = await start();
    };
    const killedAt: number[] = []; // SIGKILL times
    const ids: number[] = [];
    // a /lang choice, and kill -9 the moment the user is told it is saved
    const langChat = 90_000;
    const told = api.waitForCalls('answerCallbackQuery', 1, { timeoutMs: START_TIMEOUT_MS });
    ids.push(api.pressButton({ chatId: langChat, data: 'v1:lang:kk', messageId: 1 }));
    await told;
    await kill('SIGKILL');
    // bursts: chats × 5 questions, each chat's in order, killed `afterMs` after they were pushed
    const plan: Array<{ chatId: number; expected: string[] }> = [];
    const repliesAtKill: number[] = [];
    for (const [k, { signal, afterMs }] of kills.entries()) {
      const burst = await Promise.all(
        Array.from({ length: questions / PER_CHAT }, async (_, c) => {
          const asked = Array.from({ length: PER_CHAT }, (_, j) => QUESTIONS[(k * 3 + c + j * 4) % QUESTIONS.length]);
          return {
            chatId: 80_000 + k * 1000 + c,
            asked,
            expected: (await Promise.all(asked.map((q) => expectedReply(service, q)))).flat(),
          };
        }),
      );
      plan.push(...burst);
      for (let j = 0; j < PER_CHAT; j++) for (const p of burst) ids.push(api.sendText({ chatId: p.chatId, text: p.asked[j] }));
      const chats = new Set(burst.map((p) => p.chatId));
      await new Promise((r) => setTimeout(r, afterMs));
      repliesAtKill.push(replies(api, chats));
      await kill(signal);
    }
    await until(
      () =>
        plan.every((p) => new Set(texts(api, p.chatId)).size >= p.expected.length) &&
        ids.every((id) => api.confirmedUpdateIds().includes(id)),
      'every question answered and confirmed',
      SETTLE_TIMEOUT_MS,
    ).catch((err) => problems.push(String(err)));
    const about = api.waitForCalls('sendMessage', 1, { filter: (p) => Number(p.chat_id) === langChat, timeoutMs: SETTLE_TIMEOUT_MS });
    api.sendText({ chatId: langChat, text: '/about', languageCode: 'en' });
    const langKept = (await about)[0].params.text === formatAboutHtml('kk');
    await new Promise((r) => setTimeout(r, 300)); // a late duplicate would arrive now
    child.proc.kill('SIGTERM');
    await child.exited;
    const counts = { exact: 0, lost: 0, duplicates: 0, duplicateOffsetsMs: [] as number[] };
    for (const p of plan) {
      const sent = calls(api, p.chatId);
      const got = sent.map((c) => String(c.params.text));
      const firsts = got.filter((t, i) => got.indexOf(t) === i);
      if (JSON.stringify(got) === JSON.stringify(p.expected)) counts.exact++;
      if (JSON.stringify(firsts) !== JSON.stringify(p.expected)) {
        problems.push(
          `chat ${p.chatId}: replies missing or out of order: expected ${p.expected.length} parts, got ` +
            `${got.map((t) => t.slice(0, 30)).join(' | ')}`,
        );
      }
      counts.lost += p.expected.filter((e) => !got.includes(e)).length;
      sent.forEach((_c, i) => {
        const first = got.indexOf(got[i]);
        if (first === i) return;
        counts.duplicates++;
        const offsets = killedAt.map((at) => sent[first].at - at);
        counts.duplicateOffsetsMs.push(offsets.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a), Infinity));
        problems.push(
          `chat ${p.chatId}: "${got[i].slice(0, 30)}" again at ${sent[i].at}, first at ${sent[first].at}; kills at ${killedAt.join(', ')}`,
        );
      });
    }
    if (problems.length > 0) problems.push(...children.map((c, i) => `child ${i + 1} output tail:\n${c.output().slice(-1500)}`));
    return { asked: plan.length * PER_CHAT, chats: plan.length, ...counts, langKept, repliesAtKill, problems };
  } finally {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await api.close();
    rmSync(root, { recursive: true, force: true });
  }
}

interface Child {
  proc: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The bot process of a trial (src/main.ts, test/support/main-process.ts) and a promise that it answers. */
function startBot(env: Record<string, string>): Child {
  const bot = spawnMain({ LOG_LEVEL: process.env.TRIAL_LOG_LEVEL ?? 'info', RATE_LIMIT_MAX: '1000', ...env });
  const ready = until(() => /is answering \(long polling\)/.test(bot.output()), 'the bot to start', START_TIMEOUT_MS).catch((err) => {
    throw new Error(`${err.message}; output:\n${bot.output()}`);
  });
  return { ...bot, ready };
}

const calls = (api: FakeBotApi, chatId: number) =>
  api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);
const texts = (api: FakeBotApi, chatId: number) => calls(api, chatId).map((c) => String(c.params.text));
const replies = (api: FakeBotApi, chats: Set<number>) =>
  api.calls.filter((c) => c.method === 'sendMessage' && chats.has(Number(c.params.chat_id))).length;

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
