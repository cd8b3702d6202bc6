import type { Transformer } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { pollingBackoffMs, pollUpdates } from '../../src/bot/polling.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { createMemoryStore } from '../../src/state/memory.js';
import type { StateStore } from '../../src/state/types.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService, type FakeService } from './fake-service.js';
import { pause } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

/** The longest a test here may wait for the bot to react. */
const REACT_MS = 5000;

let api: FakeBotApi;
let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await api?.close();
});

/** The fake service, with every ask() waiting for `gate` when given, and its start and end times recorded. */
function gatedService(gate?: (question: string) => Promise<void> | undefined, delayMs = 0) {
  const service = createFakeService();
  const times: Array<{ question: string; start: number; end: number }> = [];
  const ask: FakeService['ask'] = async (question, options) => {
    const t = { question, start: Date.now(), end: 0 };
    times.push(t);
    await gate?.(question);
    await pause(delayMs);
    t.end = Date.now();
    return service.ask(question, options);
  };
  return { service: { ...service, ask }, times };
}

async function start(
  options: {
    service?: FakeService;
    store?: StateStore;
    stopTimeoutMs?: number;
    transformer?: Transformer;
    onCrash?: (err: unknown) => void;
  } = {},
) {
  api = await startFakeBotApi();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l.replace(/^\S+ /, '')) });
  const store = options.store ?? createMemoryStore();
  const bot = createBot({
    token: api.token,
    apiRoot: api.apiRoot,
    service: options.service ?? createFakeService(),
    logger,
    retry: { maxRetries: 0 },
  });
  if (options.transformer) bot.api.config.use(options.transformer);
  running = await startPolling(bot, { logger, store, timeoutS: 1, stopTimeoutMs: options.stopTimeoutMs, onCrash: options.onCrash });
  return { bot, logs, store };
}

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  const end = Date.now() + REACT_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
};
const repliesTo = (chatId: number) => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);

describe('startPolling (at-least-once)', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('confirms an update only after it is handled and recorded, and does not handle it twice meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { service, times } = gatedService(() => gate);
    const { store } = await start({ service });
    const id = api.sendText({ chatId: 901, text: 'What is the risk-based approach?' });
    await until('the question to reach the service', () => times.length === 1);
    await pause(1200); // the loop sees the unconfirmed update again in the meantime
    expect([api.confirmedUpdateIds(), await store.wasHandled(id), times.length]).toEqual([[], false, 1]);
    release();
    await until('the update to be confirmed', () => api.confirmedUpdateIds().includes(id));
    expect([repliesTo(901).length, await store.wasHandled(id), times.length]).toEqual([1, true, 1]);
  });

  it('skips without a reply an update that was handled before a restart, and confirms it', async () => {
    const store = createMemoryStore();
    await store.markHandled(1); // the first update the fresh fake will send
    const { logs } = await start({ store });
    const id = api.sendText({ chatId: 902, text: 'What is the risk-based approach?' });
    const later = api.sendText({ chatId: 903, text: 'What is the risk-based approach?' });
    await until('both updates confirmed', () => api.confirmedUpdateIds().includes(later));
    expect([id, repliesTo(902).length, repliesTo(903).length]).toEqual([1, 0, 1]);
    expect(logs).toContain('INFO update 1 was handled before a restart: skipped');
  });

  it('records a failed update as handled and confirms it, so that it is not retried for ever', async () => {
    const service = createFakeService();
    service.failNext(new Error('boom'));
    const { logs, store } = await start({ service });
    const id = api.sendText({ chatId: 904, text: 'What is the risk-based approach?' });
    await until('the update to be confirmed', () => api.confirmedUpdateIds().includes(id));
    await pause(600);
    expect([service.asked.length, await store.wasHandled(id)]).toEqual([1, true]);
    expect(logs.filter((l) => l.startsWith('ERROR') || l.includes('after its failure'))).toEqual([
      `ERROR update ${id} failed: boom`,
      `WARN update ${id} is recorded as handled after its failure: it is not retried`,
    ]);
  });

  it('handles the updates of one chat in order and other chats in parallel', async () => {
    const { service, times } = gatedService(undefined, 300);
    await start({ service });
    const qs = ['What is the risk-based approach?', 'What are the main findings?', 'Which law regulates AI?'];
    for (const text of qs) api.sendText({ chatId: 905, text });
    for (const chatId of [906, 907, 908]) api.sendText({ chatId, text: qs[0] });
    await until('six replies', () => api.calls.filter((c) => c.method === 'sendMessage').length >= 6);
    const first = times[0].start;
    // chat 905's questions one after another; the other chats at once with its first
    const of905 = times.filter((t, i) => i === 0 || qs.slice(1).includes(t.question));
    expect(of905.map((t) => t.question)).toEqual(qs);
    expect(of905[1].start).toBeGreaterThanOrEqual(of905[0].end);
    expect(of905[2].start).toBeGreaterThanOrEqual(of905[1].end);
    expect(
      times
        .filter((t) => t.question === qs[0])
        .map((t) => t.start - first)
        .every((ms) => ms < 250),
    ).toBe(true);
  });

  it('stops within stopTimeoutMs and leaves an unfinished update unconfirmed for Telegram to send again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { service, times } = gatedService((q) => (q.startsWith('What is') ? gate : undefined));
    const { logs } = await start({ service, stopTimeoutMs: 300 });
    const done = api.sendText({ chatId: 909, text: 'What are the main findings?' });
    await until('the first reply', () => repliesTo(909).length === 1);
    const stuck = api.sendText({ chatId: 910, text: 'What is the risk-based approach?' });
    await until('the question to reach the service', () => times.length === 2);
    const t0 = Date.now();
    await running!.stop();
    expect(Date.now() - t0).toBeLessThan(1500);
    expect([api.confirmedUpdateIds().includes(done), api.confirmedUpdateIds().includes(stuck)]).toEqual([true, false]);
    expect(logs).toContain(
      'WARN 1 updates still in progress after 300 ms: they are not confirmed, Telegram sends them again after the restart',
    );
    release();
  });
});

describe('pollUpdates when getUpdates fails', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('logs an outage once when it starts and once when it ends, retrying at most maxBackoffMs apart', async () => {
    api = await startFakeBotApi();
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => logs.push(l.replace(/^\S+ /, '')) });
    const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), logger, retry: { maxRetries: 0 } });
    await bot.init();
    api.failNext('getUpdates', { kind: '502' }, 8);
    const poller = pollUpdates(bot, { logger, handled: createMemoryStore(), timeoutS: 1, maxBackoffMs: 400 });
    const id = api.sendText({ chatId: 911, text: 'What is the risk-based approach?' });
    await until('the reply after the outage', () => repliesTo(911).length === 1);
    await poller.stop();
    const polls = api.calls
      .filter((c) => c.method === 'getUpdates')
      .slice(0, 9)
      .map((c) => c.at);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]);
    expect(
      gaps.every((ms) => ms <= 400 + 100),
      `gaps ${gaps}`,
    ).toBe(true);
    expect(api.confirmedUpdateIds()).toEqual([id]);
    expect(
      logs.filter((l) => /^(WARN|INFO|ERROR) (cannot get|Telegram answers)/.test(l)).map((l) => l.replace(/[\d.]+ s \(/, 'N s (')),
    ).toEqual([
      "WARN cannot get updates from Telegram (GrammyError: Call to 'getUpdates' failed! (502: Bad Gateway)): retrying every 0.4 s at " +
        'most until it answers',
      'INFO Telegram answers again: updates resume after N s (8 failed attempts)',
    ]);
  });

  it('stops with a clear error and calls onCrash when the token is revoked (401)', async () => {
    let revoked = false;
    const transformer: Transformer = async (prev, method, payload, signal) =>
      revoked && method === 'getUpdates'
        ? ({ ok: false, error_code: 401, description: 'Unauthorized' } as never)
        : prev(method, payload, signal);
    let crashed!: (err: unknown) => void;
    const crash = new Promise<unknown>((r) => {
      crashed = r;
    });
    const { logs } = await start({ transformer, onCrash: (err) => crashed(err) });
    revoked = true;
    expect(String(await crash)).toBe("GrammyError: Call to 'getUpdates' failed! (401: Unauthorized)");
    expect(logs).toContain(
      'ERROR polling stopped: Telegram rejected BOT_TOKEN (401 Unauthorized): the token was revoked or changed; copy the new one from ' +
        '@BotFather into .env and start again',
    );
  });
});

describe('pollingBackoffMs', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('doubles from 200 ms and stays within [cap/2, cap] with the cap at 5 s', () => {
    for (let failures = 1; failures <= 40; failures++) {
      const cap = Math.min(5000, 200 * 2 ** (failures - 1));
      const ms = pollingBackoffMs(failures, 5000);
      expect(ms, `failure ${failures}`).toBeGreaterThanOrEqual(cap / 2);
      expect(ms, `failure ${failures}`).toBeLessThanOrEqual(cap);
    }
  });
});
