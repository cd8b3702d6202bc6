/**
 * Telegram faults against the real bot and the real article service: 429 with retry_after,
 * 500/502, hanging and dropped connections on getUpdates and on sendMessage, and a failing
 * setMyCommands at start-up. The bot waits, retries, and every pushed update is answered exactly
 * once (one question per chat; the texts per chat are compared with the expected reply) and
 * confirmed to Telegram, none lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../support/fake-bot-api.js';
import {
  allAnswered,
  expectCleanRun,
  openRealService,
  pause,
  pushQuestions,
  startBot,
  textsTo,
  until,
  type BotOptions,
  type BotRun,
  type Pushed,
  type RealService,
} from './support.js';

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

/** Starts a bot for one test (the tests run concurrently: each has its own fake Bot API); checks and closes it when the test ends. */
async function botFor(onTestFinished: (fn: () => Promise<void>) => void, options: Omit<BotOptions, 'service'> = {}): Promise<BotRun> {
  const run = await startBot({ service: real.service, ...options });
  onTestFinished(async () => {
    try {
      expectCleanRun(run.api, run.logs);
    } finally {
      await run.close();
    }
  });
  return run;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** Every pushed question got exactly its expected reply once (no part missing, none doubled), and every update id was confirmed once. */
async function expectEachAnsweredOnce(r: BotRun, pushed: Pushed[]): Promise<void> {
  await allAnswered(r.api, pushed);
  await pause(150); // a doubled reply would arrive now
  for (const p of pushed) expect(textsTo(r.api, p.chatId), p.question).toEqual(p.expected);
  const ids = pushed.map((p) => p.updateId);
  await until(() => ids.every((id) => r.api.confirmedUpdateIds().includes(id)), 'confirmation of every update', 5000);
  expect(r.api.confirmedUpdateIds().filter((id) => ids.includes(id))).toEqual([...ids].sort((a, b) => a - b));
}

/** Time between each faulted call and the next call of the same method (its retry). */
function retryGaps(r: BotRun, method: string, sameAs: (a: any, b: any) => boolean = () => true): number[] {
  const all = r.api.calls.filter((c) => c.method === method);
  return r.api.faulted(method).map((f) => {
    const next = all.slice(all.indexOf(f) + 1).find((c) => sameAs(c.params, f.params));
    if (!next) throw new Error(`${method} failed at ${f.at} was never retried`);
    return next.at - f.at;
  });
}

/** Retry gaps: retry_after for a 429; for the others at least half of the 20-ms backoff step (autoRetry jitters the other half). */
const FAULTS: Array<{ name: string; fault: Fault; minGapMs: number }> = [
  { name: '429 with retry_after 1', fault: { kind: '429', retryAfter: 1 }, minGapMs: 990 },
  { name: '500', fault: { kind: '500' }, minGapMs: 9 },
  { name: '502', fault: { kind: '502' }, minGapMs: 9 },
  { name: 'a dropped connection', fault: { kind: 'drop' }, minGapMs: 9 },
];

describe('getUpdates faults', () => {
  for (const { name, fault, minGapMs } of FAULTS) {
    it.concurrent(`waits and polls again after ${name}; updates pushed before and during the outage are answered once`, async ({
      onTestFinished,
    }) => {
      const run = await botFor(onTestFinished);
      const before = await pushQuestions(real.service, run.api, range(3001, 5));
      run.api.failNext('getUpdates', fault, 2);
      await until(() => run.api.faulted('getUpdates').length >= 1, 'the first failed getUpdates');
      const during = await pushQuestions(real.service, run.api, range(3101, 5), 5);
      await expectEachAnsweredOnce(run, [...before, ...during]);
      expect(run.api.faulted('getUpdates')).toHaveLength(2);
      // the runner backs off 100, then 200 ms (after waiting retry_after for a 429)
      for (const gap of retryGaps(run, 'getUpdates')) expect(gap).toBeGreaterThanOrEqual(Math.max(minGapMs, 90));
    });
  }

  it.concurrent('answers updates that arrive while a getUpdates call hangs for 1 s', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished);
    run.api.failNext('getUpdates', { kind: 'hang', ms: 1000 }, 1);
    const first = await pushQuestions(real.service, run.api, range(3201, 3));
    await until(() => run.api.calls.filter((c) => c.method === 'getUpdates').length >= 2, 'the hanging getUpdates');
    const during = await pushQuestions(real.service, run.api, range(3301, 3), 3);
    await expectEachAnsweredOnce(run, [...first, ...during]);
  });
});

describe('sendMessage faults', () => {
  for (const { name, fault, minGapMs } of FAULTS) {
    it.concurrent(`retries a reply refused with ${name} and delivers each reply exactly once`, async ({ onTestFinished }) => {
      const run = await botFor(onTestFinished, { retry: { baseDelayMs: 20, maxRetries: 3 } });
      run.api.failNext('sendMessage', fault, 3);
      const pushed = await pushQuestions(real.service, run.api, range(4001, 6));
      await expectEachAnsweredOnce(run, pushed);
      expect(run.api.faulted('sendMessage')).toHaveLength(3);
      const sameReply = (a: any, b: any) => a.chat_id === b.chat_id && a.text === b.text;
      for (const gap of retryGaps(run, 'sendMessage', sameReply)) expect(gap).toBeGreaterThanOrEqual(minGapMs);
      const why =
        fault.kind === '429'
          ? '429 Too Many Requests: retry after 1'
          : fault.kind === 'drop'
            ? "HttpError: Network request for 'sendMessage' failed!"
            : fault.kind === '500'
              ? '500 Internal Server Error'
              : '502 Bad Gateway';
      expect(
        run.logs
          .filter((l) => / WARN sendMessage failed/.test(l))
          .map((l) => l.replace(/^\S+ WARN /, '').replace(/: retry \d of 3 in \d+ ms$/, '')),
      ).toEqual(Array(3).fill(`sendMessage failed (${why})`));
      expect(run.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    });
  }

  it.concurrent('delivers replies whose sendMessage hangs for 1 s once, without a second copy', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished);
    run.api.failNext('sendMessage', { kind: 'hang', ms: 1000 }, 2);
    const pushed = await pushQuestions(real.service, run.api, range(4101, 4));
    await expectEachAnsweredOnce(run, pushed);
    await pause(1000); // the hanging calls are answered now; a retried copy would follow
    const more = await pushQuestions(real.service, run.api, [4105], 4);
    await expectEachAnsweredOnce(run, [...pushed, ...more]);
    expect(run.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(
      [...pushed, ...more].reduce((n, p) => n + p.expected.length, 0),
    );
    expect(run.logs.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it.concurrent('gives up on a reply after maxRetries, logs the update, and keeps answering the others', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished, { retry: { baseDelayMs: 10, maxRetries: 3 } });
    run.api.failNext('sendMessage', { kind: '500' }, 4);
    const [lost] = await pushQuestions(real.service, run.api, [4201]);
    await until(() => run.logs.some((l) => / ERROR /.test(l)), 'the error log line');
    const others = await pushQuestions(real.service, run.api, range(4202, 3), 1);
    await expectEachAnsweredOnce(run, others);
    expect(run.api.faulted('sendMessage').map((c) => c.params.chat_id)).toEqual([4201, 4201, 4201, 4201]);
    expect(textsTo(run.api, lost.chatId)).toEqual([]);
    expect(run.logs.filter((l) => / ERROR /.test(l)).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      `ERROR update ${lost.updateId} failed: GrammyError: Call to 'sendMessage' failed! (500: Internal Server Error)`,
    ]);
  });
});

describe('faults at start-up', () => {
  const menuWarnings = (r: BotRun) =>
    r.logs
      .filter((l) => l.includes('could not register the command menu'))
      .map((l) => l.replace(/^\S+ /, ''))
      .sort();

  it.concurrent('answers questions when setMyCommands fails with 500 on every attempt, with one warning per language', async ({
    onTestFinished,
  }) => {
    const run = await botFor(onTestFinished, {
      retry: { baseDelayMs: 5, maxRetries: 3 },
      beforeStart: (api) => api.failNext('setMyCommands', { kind: '500' }, 16),
    });
    const pushed = await pushQuestions(real.service, run.api, range(5001, 3));
    await expectEachAnsweredOnce(run, pushed);
    await until(() => menuWarnings(run!).length === 4, 'four menu warnings');
    expect(menuWarnings(run)).toEqual(
      ['default', 'en', 'kk', 'ru'].map(
        (l) =>
          `WARN could not register the command menu (${l}): GrammyError: Call to 'setMyCommands' failed! (500: Internal Server Error); ` +
          `the bot works without it`,
      ),
    );
    expect(run.api.calls.filter((c) => c.method === 'setMyCommands')).toHaveLength(16);
  });

  it.concurrent('does not wait for a 429 asking for 60 s at start-up: warns and answers', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished, { beforeStart: (api) => api.failNext('setMyCommands', { kind: '429', retryAfter: 60 }, 4) });
    const pushed = await pushQuestions(real.service, run.api, range(5101, 2));
    await expectEachAnsweredOnce(run, pushed);
    await until(() => menuWarnings(run!).length === 4, 'four menu warnings');
    expect(menuWarnings(run)[0]).toBe(
      "WARN could not register the command menu (default): GrammyError: Call to 'setMyCommands' failed! (429: Too Many Requests: retry " +
        'after 60); the bot works without it',
    );
    expect(run.api.calls.filter((c) => c.method === 'setMyCommands')).toHaveLength(4);
  });

  it.concurrent('answers while setMyCommands hangs, and stops at once without waiting for it', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished, { beforeStart: (api) => api.failNext('setMyCommands', { kind: 'hang', ms: 20_000 }, 4) });
    const pushed = await pushQuestions(real.service, run.api, range(5201, 2));
    await expectEachAnsweredOnce(run, pushed);
    const started = Date.now();
    await run.stopBot();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(menuWarnings(run)).toEqual([]);
  });

  it.concurrent('starts when getMe fails with 502 once and deleteWebhook is dropped once', async ({ onTestFinished }) => {
    const run = await botFor(onTestFinished, {
      beforeStart: (api) => {
        api.failNext('getMe', { kind: '502' });
        api.failNext('deleteWebhook', { kind: 'drop' });
      },
    });
    const pushed = await pushQuestions(real.service, run.api, range(5301, 2));
    await expectEachAnsweredOnce(run, pushed);
    expect(run.api.calls.slice(0, 4).map((c) => c.method)).toEqual(['getMe', 'getMe', 'deleteWebhook', 'deleteWebhook']);
  });
});
