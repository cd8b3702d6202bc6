/**
 * The /lang burst of issue 10 (part of bench/state.ts): 10,000 users press a /lang button at once
 * through the real bot process while other users ask questions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeUserSessions } from '../src/bot/session.js';
import { openEmbeddedStore } from '../src/state/embedded.js';
import { percentile, QUESTIONS, TOKEN } from '../test/reliability/model.js';
import { startFakeBotApi } from '../test/support/fake-bot-api.js';
import { spawnMain, type MainProcess } from '../test/support/main-process.js';

/** How long the bot process may take to start (index opened, first getUpdates) on a busy 2-core machine. */
const BOT_START_TIMEOUT_MS = 60_000;
/** How long the bot process may take to stop after SIGTERM (its STOP_TIMEOUT_S is 10 s). */
const BOT_STOP_TIMEOUT_MS = 15_000;

/** Questions of other users sent while the presses are handled: one every 50 ms, 20 a second, within Telegram's ~30 messages a second. */
export const DURING_EVERY_MS = 50;

/**
 * 10,000 /lang presses at once through the bot, twice: once with 100 questions of other users pushed
 * among the presses (behind up to 10,000 of them in Telegram's queue), once with questions sent one
 * every 50 ms from the moment every press is fetched until every press is handled (at most
 * `others`). Two runs, because the first run's 100 answers alone hold Telegram's 30 messages a
 * second for about 3 s: in the same run they would delay the second kind of question too. The bot
 * runs as its own process, as in production: `node dist/main.js` (`built`, what `npm start` runs;
 * the caller builds it) or src/main.ts under tsx, with its production throttle, DATA_DIR in a temp
 * folder and the index in `indexDir`; this process holds only the fake Bot API and the driver.
 * Times until every choice is stored and the peak RSS are the worse of the two runs.
 * The first kind cannot be answered within 100 ms by any bot that keeps Telegram's limits: 100
 * answers at 30 messages a second (after a burst of 30) put the 95th at ≥ (95 − 30) / 30 ≈ 2.2 s,
 * and the question behind 9,500 presses is not even seen before 95 getUpdates calls (100 updates
 * each) have come back. The second kind is the "other users meanwhile".
 */
export async function benchLangPresses(indexDir: string, users = 10_000, others = 100, options: { built?: boolean } = {}) {
  const among = await burst(indexDir, users, { among: others, during: 0, built: options.built });
  const during = await burst(indexDir, users, { among: 0, during: others, built: options.built });
  return {
    users,
    allStoredMs: Math.max(among.allStoredMs, during.allStoredMs),
    allConfirmedMs: Math.max(among.allConfirmedMs, during.allConfirmedMs),
    botCpuMs: Math.max(among.botCpuMs, during.botCpuMs),
    peakRssMB: Math.max(among.peakRssMB, during.peakRssMB),
    othersP95Ms: among.amongP95Ms,
    othersAnswered: among.amongAnswered,
    duringP95Ms: during.duringP95Ms,
    duringAnswered: during.duringAnswered,
    duringAsked: during.duringAsked,
  };
}

/**
 * One burst: `users` presses at once, `among` questions pushed among them, `during` at most sent
 * one every `DURING_EVERY_MS` once the presses are fetched. The bot process's peak RSS (VmHWM) is
 * read just before it is stopped; every choice is then read back from the store it left in DATA_DIR.
 */
async function burst(indexDir: string, users: number, options: { among: number; during: number; built?: boolean }) {
  const api = await startFakeBotApi({ token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'bench-state-'));
  const langs = ['kk', 'ru', 'en'] as const;
  // a generous rate limit: the figure is the store's capacity, not the flood guard's
  const env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, INDEX_DIR: indexDir, RATE_LIMIT_MAX: '1000' };
  const bot = spawnMain({ ...env, LOG_LEVEL: 'warn' }, { built: options.built });
  let sampler: NodeJS.Timeout | undefined;
  try {
    await waitUntil(() => api.calls.some((c) => c.method === 'getUpdates'), BOT_START_TIMEOUT_MS, bot, 'to start polling');
    const asked = new Map<number, number>();
    const during = new Map<number, number>();
    const cpu0 = cpuMs(bot.proc.pid!);
    const t0 = Date.now();
    for (let i = 0; i < users; i++) {
      api.pressButton({ chatId: 1_000_000 + i, data: `v1:lang:${langs[i % 3]}`, messageId: 1 });
      if (options.among > 0 && i % Math.ceil(users / options.among) === 0 && asked.size < options.among) {
        const chatId = 5_000_000 + asked.size;
        asked.set(chatId, Date.now());
        api.sendText({ chatId, text: QUESTIONS[asked.size % QUESTIONS.length] });
      }
    }
    const pushed = users + asked.size;
    let [allConfirmedMs, pressesDone, lastAsked] = [0, false, 0];
    sampler = setInterval(() => {
      const now = Date.now();
      if (!allConfirmedMs && api.confirmedUpdateIds().length >= pushed) allConfirmedMs = now - t0;
      if (allConfirmedMs && !pressesDone && during.size < options.during && now - lastAsked >= DURING_EVERY_MS) {
        lastAsked = now;
        const chatId = 6_000_000 + during.size;
        during.set(chatId, now);
        api.sendText({ chatId, text: QUESTIONS[during.size % QUESTIONS.length] });
      }
    }, 5);
    // (api.waitForCalls rescans every call on each call: too slow for 20,000 of them)
    for (let seen = 0, i = 0; seen < users; await pause(10)) {
      for (; i < api.calls.length; i++) if (api.calls[i].method === 'answerCallbackQuery') seen++;
      if (Date.now() - t0 > 120_000) throw new Error(`only ${seen} of ${users} presses answered after 120 s`);
      if (bot.proc.exitCode !== null) throw new Error(`the bot exited during the burst:\n${bot.output()}`);
    }
    const allStoredMs = Date.now() - t0;
    const botCpuMs = cpuMs(bot.proc.pid!) - cpu0;
    pressesDone = true;
    clearInterval(sampler);
    await pause(300); // the questions' last replies
    const peakRssMB = Math.round(peakRssKB(bot.proc.pid!) / 1024);
    bot.proc.kill('SIGTERM');
    const exit = await Promise.race([bot.exited, pause(BOT_STOP_TIMEOUT_MS).then(() => undefined)]);
    if (exit?.code !== 0) throw new Error(`the bot did not stop cleanly (${JSON.stringify(exit)}):\n${bot.output()}`);
    const store = await openEmbeddedStore(dir);
    try {
      const users$ = storeUserSessions(store);
      const stored = await Promise.all(Array.from({ length: users }, (_, i) => users$.read(String(1_000_000 + i))));
      const wrong = stored.filter((s, i) => s?.lang !== langs[i % 3]).length;
      if (wrong > 0) throw new Error(`${wrong} of ${users} language choices are not stored`);
    } finally {
      await store.close();
    }
    const firstReply = new Map<number, number>();
    for (const c of api.calls)
      if (c.method === 'sendMessage' && !firstReply.has(Number(c.params.chat_id))) firstReply.set(Number(c.params.chat_id), c.at);
    const replyTimes = (sent: Map<number, number>) => [...sent].map(([chatId, at]) => (firstReply.get(chatId) ?? Infinity) - at);
    const [amongTimes, duringTimes] = [replyTimes(asked), replyTimes(during)];
    return {
      allStoredMs,
      allConfirmedMs,
      botCpuMs,
      peakRssMB,
      amongP95Ms: percentile(amongTimes, 95),
      amongAnswered: amongTimes.filter(Number.isFinite).length,
      duringP95Ms: percentile(duringTimes, 95),
      duringAnswered: duringTimes.filter(Number.isFinite).length,
      duringAsked: during.size,
    };
  } finally {
    clearInterval(sampler);
    if (bot.proc.exitCode === null && bot.proc.signalCode === null) {
      bot.proc.kill('SIGKILL');
      await bot.exited;
    }
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time the process has used so far (user and system, all its threads), ms. */
function cpuMs(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, counted after the command name's ")"
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}
/** Linux's USER_HZ (`getconf CLK_TCK`), 100 on every common platform. */
const CLOCK_TICKS_PER_S = 100;

/** The most memory the process has held at once (VmHWM of /proc/<pid>/status), KB. */
function peakRssKB(pid: number): number {
  const found = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!found) throw new Error(`/proc/${pid}/status has no VmHWM line`);
  return Number(found[1]);
}

/** Waits until `done()` holds, checking every 10 ms; throws when the bot exits first or after `timeoutMs`. */
async function waitUntil(done: () => boolean, timeoutMs: number, bot: MainProcess, what: string): Promise<void> {
  for (const start = Date.now(); !done(); await pause(10)) {
    if (bot.proc.exitCode !== null) throw new Error(`the bot exited with ${bot.proc.exitCode} before it began ${what}:\n${bot.output()}`);
    if (Date.now() - start > timeoutMs) throw new Error(`the bot did not begin ${what} within ${timeoutMs} ms:\n${bot.output()}`);
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
