import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySessionStorage } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { SessionData } from '../../src/bot/context.js';
import { pollIntoInbox } from '../../src/bot/inbox-polling.js';
import { createLogger } from '../../src/log.js';
import type { Poller } from '../../src/bot/polling.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { openEmbeddedStore, type EmbeddedStateStore } from '../../src/state/embedded.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService } from './fake-service.js';
import { pause } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

/** The longest a test here may wait for the bot to react. */
const REACT_MS = 10_000;
/** 200 presses at 15 ms each, 4 at a time, on a busy 2-core machine. */
const FAIRNESS_TIMEOUT_MS = 20_000;
const QUESTION = 'What is the risk-based approach?';

const root = mkdtempSync(join(tmpdir(), 'inbox-polling-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
let api: FakeBotApi;
let store: EmbeddedStateStore | undefined;
let running: RunningBot | Poller | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await store?.close();
  store = undefined;
  await api?.close();
});

const until = async (what: string, check: () => boolean) => {
  const end = Date.now() + REACT_MS;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
};
const sent = (method: string, chatId: number) => api.calls.filter((c) => c.method === method && Number(c.params.chat_id) === chatId);
const logLines = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', write: (l) => lines.push(l.replace(/^\S+ /, '')) }) };
};
const question = (id: number, chatId: number): Update => ({
  update_id: id,
  message: {
    message_id: 1,
    date: 1,
    chat: { id: chatId, type: 'private', first_name: 'U' },
    from: { id: chatId, is_bot: false, first_name: 'U' },
    text: QUESTION,
  },
});

describe('pollIntoInbox after a crash', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('handles the updates a crash left in the inbox first, once, without sending again a reply Telegram had accepted', async () => {
    api = await startFakeBotApi();
    const dir = join(root, `store-${++n}`);
    // the state a kill -9 leaves: updates 1 and 2 fetched and written, not confirmed; update 1 already answered
    const before = await openEmbeddedStore(dir);
    await before.inbox.admit([question(1, 951), question(2, 952)]);
    await before.inbox.recordSent(1, 0, {
      method: 'sendMessage',
      target: '951',
      result: { message_id: 2, date: 1, chat: { id: 951, type: 'private' }, text: 'answered' },
    });
    await before.close();
    // Telegram sends both again (they were not confirmed), then a new one
    expect([api.sendText({ chatId: 951, text: QUESTION }), api.sendText({ chatId: 952, text: QUESTION })]).toEqual([1, 2]);
    const later = api.sendText({ chatId: 953, text: QUESTION });

    store = await openEmbeddedStore(dir);
    const { lines, logger } = logLines();
    const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), logger, retry: { maxRetries: 0 } });
    running = await startPolling(bot, { logger, store, timeoutS: 1 });
    await until(
      'every update confirmed and handled',
      () => api.confirmedUpdateIds().includes(later) && store!.inbox.size() === 0 && sent('sendMessage', 953).length === 1,
    );
    await pause(300); // a second copy would come now
    expect([sent('sendMessage', 951).length, sent('sendMessage', 952).length, sent('sendMessage', 953).length]).toEqual([0, 1, 1]);
    expect([await store.wasHandled(1), await store.wasHandled(2), await store.wasHandled(later), store.inbox.pending()]).toEqual([
      true,
      true,
      true,
      [],
    ]);
    expect(lines).toContain('INFO 2 updates left in the inbox by the last run: handling them first');
    expect(lines).toContain('INFO update 1: sendMessage #1 was delivered before the restart: not sent again');
  });

  it('does not send again a reply whose request had reached Telegram when the process died, and sends one Telegram refused', async () => {
    api = await startFakeBotApi();
    const dir = join(root, `store-${++n}`);
    // a kill -9 while two answers were on their way: the first request written, its answer unseen; the second refused (429)
    const before = await openEmbeddedStore(dir);
    await before.inbox.admit([question(1, 961), question(2, 962)]);
    before.inbox.recordAttempt(1, 0, { method: 'sendMessage', target: '961' });
    before.inbox.recordAttempt(2, 0, { method: 'sendMessage', target: '962' });
    before.inbox.recordAttempt(2, 0, { method: 'sendMessage', target: '962' }, true);
    await before.close();
    expect([api.sendText({ chatId: 961, text: QUESTION }), api.sendText({ chatId: 962, text: QUESTION })]).toEqual([1, 2]);

    store = await openEmbeddedStore(dir);
    const { lines, logger } = logLines();
    const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), logger, retry: { maxRetries: 0 } });
    running = await startPolling(bot, { logger, store, timeoutS: 1 });
    await until('both updates handled', () => store!.inbox.size() === 0 && sent('sendMessage', 962).length === 1);
    await pause(300); // a copy for 961 would come now
    expect([sent('sendMessage', 961).length, sent('sendMessage', 962).length]).toEqual([0, 1]);
    expect(lines).toContain(
      'INFO update 1: sendMessage #1 had reached Telegram when the process stopped (its answer unseen): presumed delivered, not sent again',
    );
  });

  it('confirms a fetched batch before it is handled, and keeps an unhandled update in the inbox over a stop', async () => {
    api = await startFakeBotApi();
    store = await openEmbeddedStore(join(root, `store-${++n}`));
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const service = createFakeService();
    const { logger } = logLines();
    const bot = createBot({
      token: api.token,
      apiRoot: api.apiRoot,
      service: {
        ...service,
        ask: async (q, o) => {
          await gate;
          return service.ask(q, o);
        },
      },
      logger,
      retry: { maxRetries: 0 },
    });
    await bot.init();
    running = pollIntoInbox(bot, { logger, inbox: store.inbox, timeoutS: 1 });
    const id = api.sendText({ chatId: 954, text: QUESTION });
    await until('the update to be confirmed', () => api.confirmedUpdateIds().includes(id));
    expect([sent('sendMessage', 954).length, store.inbox.pending().map((e) => e.update.update_id)]).toEqual([0, [id]]);
    await running.stop({ timeoutMs: 200 });
    running = undefined;
    expect(store.inbox.pending().map((e) => e.update.update_id)).toEqual([id]);
    release();
  });
});

describe('pollIntoInbox fairness', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it(
    "answers a question that arrives behind 200 other users' button presses before 10 % of them",
    async () => {
      api = await startFakeBotApi();
      store = await openEmbeddedStore(join(root, `store-${++n}`));
      const { logger } = logLines();
      // each stored language choice takes 15 ms; 4 updates at a time: the presses take 0.75 s in all
      const users = new MemorySessionStorage<SessionData>();
      const slow = {
        read: (k: string) => users.read(k),
        write: async (k: string, v: SessionData) => {
          await pause(15);
          users.write(k, v);
        },
        delete: (k: string) => users.delete(k),
      };
      const bot = createBot({
        token: api.token,
        apiRoot: api.apiRoot,
        service: createFakeService(),
        storage: slow,
        logger,
        retry: { maxRetries: 0 },
      });
      await bot.init();
      running = pollIntoInbox(bot, { logger, inbox: store.inbox, timeoutS: 1, concurrency: 4 });
      for (let i = 0; i < 200; i++) api.pressButton({ chatId: 10_000 + i, data: 'v1:lang:kk', messageId: 1 });
      api.sendText({ chatId: 955, text: QUESTION });
      await until('the answer to the question', () => sent('sendMessage', 955).length === 1);
      const pressesBefore = api.calls.filter((c) => c.method === 'answerCallbackQuery').length;
      expect(pressesBefore, `presses answered before the question: ${pressesBefore}`).toBeLessThan(20);
      await until('every press answered', () => api.calls.filter((c) => c.method === 'answerCallbackQuery').length === 200);
    },
    FAIRNESS_TIMEOUT_MS,
  );
});
