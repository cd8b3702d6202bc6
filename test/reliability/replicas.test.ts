/**
 * Several replicas: two `src/main.ts` processes in webhook mode sharing one real redis-server and
 * one fake Bot API, updates posted to each replica's port with the secret header (what a balancer
 * does). What one replica answers is checked against a reference: ONE in-process bot with an
 * in-memory store and limiter, given the same updates — two replicas must behave like one bot.
 * Then the faults: a replica killed with SIGKILL mid-burst, Redis stopped and started again, an
 * unreachable Redis at start-up, and a second long-polling instance (409).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { decodeAction } from '../../src/bot/callback-data.js';
import { createLogger } from '../../src/log.js';
import { startWebhook, type RunningBot } from '../../src/bot/run.js';
import { POST_TIMEOUT_MS, REPLICA_START_TIMEOUT_MS, startReplica, WEBHOOK_SECRET, WEBHOOK_URL, type Replica } from '../support/replica.js';
import { spawnMain } from '../support/main-process.js';
import { freePort, startRedis, type RedisServer } from '../support/redis.js';
import {
  expectedReply,
  openRealService,
  QUESTIONS,
  startApi,
  textsTo,
  TOKEN,
  TOKEN_SECRET,
  until,
  type Api,
  type RealService,
} from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

/** Redis, the index, two replicas and the reference bot, started side by side. */
const SETUP_TIMEOUT_MS = REPLICA_START_TIMEOUT_MS + 20_000;
/** One test with replicas on a busy machine. */
const TEST_TIMEOUT_MS = 30_000;
/** How long a replica may take to notice that Redis is back (it probes every 500 ms). */
const REDIS_BACK_TIMEOUT_MS = 5_000;
/** RATE_LIMIT_MAX of the replicas and the reference. */
const RATE_MAX = 5;
const RATE_WINDOW_S = 600;
const REDIS_PASSWORD = 'replica-test-redis-password-0123';
const CONFLICT =
  'ERROR polling stopped: another instance of this bot is polling Telegram (409 Conflict): only one instance can use long polling; stop ' +
  'the other one, or run every instance in webhook mode with one REDIS_URL (README: "Running more than one instance")';

let real: RealService;
let redis: RedisServer;
let admin: Redis;
let api: Api;
let refApi: Api;
let reference: RunningBot;
let a: Replica;
let b: Replica;
const temps: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'replicas-'));
  temps.push(d);
  return d;
};
const replicaEnv = () => ({
  BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: api.apiRoot,
  INDEX_DIR: real.indexDir,
  REDIS_URL: redis.url,
  RATE_LIMIT_MAX: String(RATE_MAX),
  RATE_LIMIT_WINDOW_S: String(RATE_WINDOW_S),
});

beforeAll(async () => {
  [real, redis, api, refApi] = await Promise.all([openRealService(), startRedis({ password: REDIS_PASSWORD }), startApi(), startApi()]);
  admin = new Redis(redis.url);
  admin.on('error', () => undefined); // while Redis is stopped on purpose
  [a, b] = await Promise.all([
    startReplica({ name: 'A', env: { ...replicaEnv(), DATA_DIR: temp() } }),
    startReplica({ name: 'B', env: { ...replicaEnv(), DATA_DIR: temp() } }),
  ]);
  const logger = createLogger({ level: 'silent' });
  const bot = createBot({
    token: TOKEN,
    apiRoot: refApi.apiRoot,
    service: real.service,
    logger,
    rateLimit: { max: RATE_MAX, windowS: RATE_WINDOW_S },
  });
  reference = await startWebhook(bot, { url: WEBHOOK_URL, port: 0, host: '127.0.0.1', secret: WEBHOOK_SECRET, logger });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), reference?.stop()]);
  admin?.disconnect();
  await Promise.all([api?.close(), refApi?.close(), redis?.close()]);
  real?.dispose();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
  for (const r of [a, b]) {
    expect(r?.output() ?? '').not.toContain(REDIS_PASSWORD);
    expect(r?.output() ?? '').not.toContain(TOKEN_SECRET);
  }
}, SETUP_TIMEOUT_MS);

/** Where an update is posted: a replica, or the reference bot. */
interface Target {
  post(update: Update): Promise<number>;
}
const ref: Target = {
  post: async (update) =>
    (
      await fetch(`http://127.0.0.1:${reference.port}${new URL(WEBHOOK_URL).pathname}`, {
        method: 'POST',
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      })
    ).status,
};

type Step = { on: Target; say: string } | { on: Target; pressMore: true };
/** What the bot did in reply to one step, as the user sees it. */
interface Seen {
  method: string;
  text?: string;
  markup?: unknown;
}

/**
 * Plays `steps` in a fresh private chat, each posted to its target and awaited (a webhook request
 * ends when its update is handled); `pressMore` presses the More button of the last message that
 * has one. Returns what the bot did for each step.
 */
async function play(fake: Api, chatId: number, steps: Step[]): Promise<Seen[][]> {
  let lastId = 0; // the fake numbers the messages of a chat 1, 2, 3 … (user and bot alike)
  const withMore: Array<{ id: number; data: string }> = [];
  const seen: Seen[][] = [];
  for (const step of steps) {
    let updateId: number;
    if ('say' in step) {
      updateId = fake.sendText({ chatId, text: step.say });
      lastId += 1;
    } else {
      const button = withMore.at(-1);
      if (!button) throw new Error(`chat ${chatId}: no message with a More button to press`);
      updateId = fake.pressButton({ chatId, data: button.data, messageId: button.id });
    }
    const from = fake.calls.length;
    expect(await step.on.post(fake.takeUpdate(updateId))).toBe(200);
    const calls = fake.calls.slice(from).filter((c) => ['sendMessage', 'editMessageText', 'answerCallbackQuery'].includes(c.method));
    for (const c of calls.filter((x) => x.method === 'sendMessage')) {
      lastId += 1;
      const data = moreButton(c.params.reply_markup);
      if (data) withMore.push({ id: lastId, data });
    }
    seen.push(calls.map((c) => ({ method: c.method, text: c.params.text, markup: c.params.reply_markup })));
  }
  return seen;
}

function moreButton(markup: unknown): string | undefined {
  const rows = (typeof markup === 'string' ? JSON.parse(markup) : markup)?.inline_keyboard as
    | Array<Array<{ callback_data?: string }>>
    | undefined;
  return rows
    ?.flat()
    .map((k) => k.callback_data)
    .find((d) => decodeAction(d)?.kind === 'more');
}

const texts = (seen: Seen[]) => seen.map((s) => s.text);

describe('two replicas sharing one Redis', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    'continues on B the conversation begun on A: "tell me more" pages on through the same answer',
    async () => {
      const steps = (x: Target, y: Target): Step[] => [
        { on: x, say: QUESTIONS[0] },
        { on: y, say: 'tell me more' },
      ];
      const got = await play(api, 8101, steps(a, b));
      const want = await play(refApi, 8101, steps(ref, ref));
      expect(got).toEqual(want);
      expect(texts(want[0])).toEqual(await expectedReply(real.service, QUESTIONS[0]));
      // without the conversation "tell me more" gets another reply: B really used A's dialogue state
      const alone = await play(refApi, 8199, [{ on: ref, say: 'tell me more' }]);
      expect(texts(want[1])).not.toEqual(texts(alone[0]));
      const ttl = await admin.ttl('article-bot:dialogue:8101');
      expect(ttl > 0 && ttl <= 30 * 60).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "pages on when the More button of A's answer is pressed on B",
    async () => {
      const steps = (x: Target, y: Target): Step[] => [
        { on: x, say: QUESTIONS[1] },
        { on: y, pressMore: true },
      ];
      const got = await play(api, 8102, steps(a, b));
      expect(got).toEqual(await play(refApi, 8102, steps(ref, ref)));
      expect(got[1].map((s) => s.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
      expect(got[1][1].text).not.toBe(got[0][0].text);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `limits ten questions of one user alternating between A and B at ${RATE_MAX} in all, not ${RATE_MAX} per replica`,
    async () => {
      const steps = (x: Target, y: Target): Step[] => QUESTIONS.slice(0, 10).map((q, i) => ({ on: i % 2 === 0 ? x : y, say: q }));
      const noticeOnce = (seen: Seen[][]) => seen.map((s) => s.map((x) => ({ ...x, text: x.text?.replace(/in \d+ s\.$/, 'in N s.') })));
      const got = await play(api, 8103, steps(a, b));
      const want = await play(refApi, 8103, steps(ref, ref));
      expect(noticeOnce(got)).toEqual(noticeOnce(want));
      // the reference: five answered, the sixth told to wait, the other four silent
      expect(want.map((s) => s.length > 0)).toEqual([true, true, true, true, true, true, false, false, false, false]);
      // replies to one chat are paced at about one a second (throttle.ts): the sixth is counted a second or two into the window
      expect(want[5].map((s) => s.text?.replace(/in \d+ s\.$/, 'in N s.'))).toEqual([
        'Too many questions in a row: please try again in N s.',
      ]);
      expect(Number(/in (\d+) s\.$/.exec(want[5][0].text ?? '')?.[1])).toBeGreaterThan(RATE_WINDOW_S - 10);
      expect(await admin.get('article-bot:rate:8103')).toBe('10');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'acknowledges an update handled on A and delivered again to B without a second reply',
    async () => {
      const update = api.takeUpdate(api.sendText({ chatId: 8104, text: QUESTIONS[2] }));
      expect(await a.post(update)).toBe(200);
      const answered = textsTo(api, 8104);
      expect(answered).toEqual(await expectedReply(real.service, QUESTIONS[2]));
      expect(await b.post(update)).toBe(200);
      expect(await a.post(update)).toBe(200);
      expect(textsTo(api, 8104)).toEqual(answered);
      expect(b.output()).toContain(`update ${update.update_id} was handled before: acknowledged without a second reply`);
      expect(await admin.ttl(`article-bot:handled:${update.update_id}`)).toBeGreaterThan(24 * 3600 - 60);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'B answers every update posted to it when A is killed with SIGKILL in the middle of a burst',
    async () => {
      api.setLatency(100); // answers take a while: A dies with updates in progress
      try {
        const chats = Array.from({ length: 16 }, (_, i) => 8201 + i);
        const plan = await Promise.all(
          chats.map(async (chatId, i) => ({ chatId, expected: await expectedReply(real.service, QUESTIONS[i % QUESTIONS.length]) })),
        );
        const updates = chats.map((chatId, i) => api.takeUpdate(api.sendText({ chatId, text: QUESTIONS[i % QUESTIONS.length] })));
        const toB: Array<Promise<number>> = [];
        const moved: number[] = []; // chats whose update A could not take: "the balancer" retries them on B
        const toA: Array<Promise<void>> = [];
        for (const [i, update] of updates.entries()) {
          if (i === 8) a.proc.kill('SIGKILL');
          if (i % 2 === 1) {
            toB.push(b.post(update));
            continue;
          }
          toA.push(
            a
              .post(update)
              .then((status) => {
                if (status !== 200) throw new Error(`status ${status}`);
              })
              .catch(() => {
                moved.push(chats[i]);
                toB.push(b.post(update));
              }),
          );
          await new Promise((r) => setTimeout(r, 40));
        }
        await Promise.all(toA);
        expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
        expect(await Promise.all(toB)).toEqual(Array(toB.length).fill(200));
        expect(moved.length).toBeGreaterThanOrEqual(4); // updates 8, 10, 12, 14 at least found A gone
        await until(
          () => plan.every((p) => textsTo(api, p.chatId).length >= p.expected.length),
          'every chat answered',
          TEST_TIMEOUT_MS / 2,
        );
        for (const p of plan) {
          const got = textsTo(api, p.chatId);
          // a chat whose update A was answering when it died may see the start of that answer twice
          if (moved.includes(p.chatId)) expect(got.slice(-p.expected.length), `chat ${p.chatId}`).toEqual(p.expected);
          else expect(got, `chat ${p.chatId}`).toEqual(p.expected);
        }
        const twice = plan.filter((p) => textsTo(api, p.chatId).length > p.expected.length).length;
        console.info(
          `SIGKILL mid-burst: ${moved.length} of 8 updates for A went to B, ${twice} chats saw part of an answer twice, B answered ` +
            `${toB.length}/${toB.length}`,
        );
      } finally {
        api.setLatency(0);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers every update while Redis is stopped (without dialogue context), warns once, and keeps state again once it is back',
    async () => {
      await redis.stop();
      const questions = QUESTIONS.slice(10, 15);
      for (const [i, q] of questions.entries()) {
        const update = api.takeUpdate(api.sendText({ chatId: 8301 + i, text: q }));
        expect(await b.post(update)).toBe(200);
        expect(textsTo(api, 8301 + i)).toEqual(await expectedReply(real.service, q));
      }
      // a follow-up has no context to continue: it is answered as in a chat without one
      const outage = await play(api, 8306, [
        { on: b, say: QUESTIONS[0] },
        { on: b, say: 'tell me more' },
      ]);
      const alone = await play(refApi, 8306, [{ on: ref, say: 'tell me more' }]);
      expect(texts(outage[1])).toEqual(texts(alone[0]));
      expect(b.output().match(/WARN Redis at \S+ is unavailable/g)).toHaveLength(1);

      await redis.start();
      const restarted = Date.now();
      await until(
        () => /INFO Redis at \S+ answers again: shared state is back/.test(b.output()),
        'B to see Redis back',
        REDIS_BACK_TIMEOUT_MS,
      );
      console.info(
        `Redis outage: ${questions.length + 2} updates answered without it, 1 warning; B saw it back ${Date.now() - restarted} ms after ` +
          `the restart`,
      );
      const steps = (x: Target): Step[] => [
        { on: x, say: QUESTIONS[3] },
        { on: x, say: 'tell me more' },
      ];
      expect(await play(api, 8307, steps(b))).toEqual(await play(refApi, 8307, steps(ref)));
      expect(await admin.exists('article-bot:dialogue:8307')).toBe(1);
      expect(b.proc.exitCode).toBeNull();
      expect(b.output()).not.toMatch(/ ERROR /);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('start-up and long polling with REDIS_URL', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let pollApi: Api;
  const children: Array<ReturnType<typeof spawnMain>> = [];
  beforeAll(async () => {
    pollApi = await startApi();
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await pollApi?.close();
  }, SETUP_TIMEOUT_MS);

  it(
    'stops with one line, without the password, when Redis cannot be reached',
    async () => {
      const port = await freePort();
      const child = spawnMain({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        INDEX_DIR: real.indexDir,
        DATA_DIR: temp(),
        REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}/0`,
      });
      expect(await child.exited).toEqual({ code: 1, signal: null });
      expect(child.output()).toBe(
        `error: cannot reach Redis at redis://***@127.0.0.1:${port}/0: connection refused — start redis-server or unset REDIS_URL\n`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lets one instance poll with REDIS_URL; the one Telegram refuses with 409 says so in one line and exits with 1',
    async () => {
      const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: pollApi.apiRoot, INDEX_DIR: real.indexDir, REDIS_URL: redis.url };
      const polling = /is answering \(long polling\)/;
      const first = spawnMain({ ...env, DATA_DIR: temp() });
      children.push(first);
      await until(() => polling.test(first.output()), `the first instance to start:\n${first.output()}`, REPLICA_START_TIMEOUT_MS);
      const second = spawnMain({ ...env, DATA_DIR: temp() });
      children.push(second);
      const [loser, winner] = await Promise.race([first.exited.then(() => [first, second]), second.exited.then(() => [second, first])]);
      expect(await loser.exited).toEqual({ code: 1, signal: null });
      const errors = loser
        .output()
        .split('\n')
        .filter((l) => / (ERROR|WARN) |^error: /.test(l));
      expect(errors.map((l) => l.replace(/^\S+ /, ''))).toEqual([CONFLICT]);
      await until(() => polling.test(winner.output()), 'the other instance to start', REPLICA_START_TIMEOUT_MS);
      pollApi.sendText({ chatId: 8401, text: QUESTIONS[0] });
      await until(() => textsTo(pollApi, 8401).length > 0, 'the answer of the instance left', TEST_TIMEOUT_MS / 2);
      expect(textsTo(pollApi, 8401)).toEqual(await expectedReply(real.service, QUESTIONS[0]));
      expect(winner.proc.exitCode).toBeNull();
      console.info(`409: the ${loser === first ? 'first' : 'second'} instance exited with 1`);
    },
    TEST_TIMEOUT_MS + REPLICA_START_TIMEOUT_MS,
  );
});
