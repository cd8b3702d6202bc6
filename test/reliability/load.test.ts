/**
 * Load: 40 users × 5 questions at once through the real bot and the real article service (every
 * reply once, per chat in the order asked), the same with uneven handling times (order held by
 * sequentialize; a bot without it reorders), and the heap after thousands of questions through the
 * service and the formatter. `npx tsx scripts/load.ts` runs the same at full scale.
 */
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureMemory, runBurst, type BurstResult } from '../../scripts/load.js';
import { startFakeBotApi } from '../support/fake-bot-api.js';
import { BOT_USERNAME, QUESTIONS, TOKEN } from './model.js';
import { openRealService, pause, until, type RealService } from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

/** Uneven handling: 0–60 ms per question, so that later questions of a chat would overtake earlier ones. */
const jitter = (question: string) => ((QUESTIONS.indexOf(question as (typeof QUESTIONS)[number]) * 7) % 5) * 15;

function expectEveryReplyOnceInOrder(b: BurstResult, users: number, messages: number): void {
  const wrong = b.chats.find((c) => JSON.stringify(c.got) !== JSON.stringify(c.expected));
  expect(
    wrong && { chatId: wrong.chatId, got: wrong.got.map((t) => t.slice(0, 60)), expected: wrong.expected.map((t) => t.slice(0, 60)) },
  ).toBeUndefined();
  expect([b.updates, b.answered, b.chatsInOrder, b.problems]).toEqual([users * messages, users * messages, users, []]);
}

describe('a burst of 40 users × 5 questions', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    'answers all 200, each once, per chat in the order asked; p95 under 5 s and over 20 updates/s',
    async () => {
      const b = await runBurst({ service: real.service, users: 40, messages: 5 });
      console.log(
        `load: 200 updates in ${b.elapsedMs} ms → ${b.throughput} updates/s; handling time p50 ${b.p50} ms, p95 ${b.p95} ms, max ` +
          `${b.max} ms`,
      );
      expectEveryReplyOnceInOrder(b, 40, 5);
      expect(b.p95).toBeLessThan(5000);
      expect(b.throughput).toBeGreaterThan(20);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'keeps each chat in order when later questions are handled faster than earlier ones',
    async () => {
      const b = await runBurst({ service: real.service, users: 40, messages: 5, delayMs: jitter });
      expectEveryReplyOnceInOrder(b, 40, 5);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('(control) a runner bot without sequentialize reorders the same uneven burst', async () => {
    const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME });
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    bot.on('message:text', async (ctx) => {
      await pause(jitter(ctx.message.text));
      await ctx.reply(ctx.message.text);
    });
    const handle = run(bot, { runner: { fetch: { timeout: 1 } } });
    try {
      const sent = Array.from({ length: 10 }, (_, u) => Array.from({ length: 5 }, (_, k) => QUESTIONS[(u + k * 3) % QUESTIONS.length]));
      for (let k = 0; k < 5; k++) for (const [u, qs] of sent.entries()) api.sendText({ chatId: 200_000 + u, text: qs[k] });
      await until(() => api.calls.filter((c) => c.method === 'sendMessage').length === 50, '50 echoes');
      const got = sent.map((_, u) =>
        api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 200_000 + u).map((c) => c.params.text),
      );
      expect(got.map((g) => [...g].sort())).toEqual(sent.map((s) => [...s].sort()));
      expect(got.filter((g, u) => JSON.stringify(g) !== JSON.stringify(sent[u])).length).toBeGreaterThan(5);
    } finally {
      await handle.stop();
      await api.close();
    }
  });
});

describe('memory', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    'grows the heap by less than 2 MB over 5,000 questions through service.ask and the formatter (after a forced GC)',
    async () => {
      const m = await measureMemory(real.service, { questions: 5000, warmup: 300 });
      console.log(
        `memory: ${m.questions} questions in ${m.ms} ms; heap ${m.heapBeforeMb} → ${m.heapAfterMb} MB (growth ${m.growthMb} MB), rss ` +
          `${m.rssMb} MB`,
      );
      expect(m.gc).toBe(true);
      expect(m.growthMb).toBeLessThan(2); // 400 bytes a question; keeping every Answer object would be about 1 KB
      expect(m.rssMb).toBeLessThan(500);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
