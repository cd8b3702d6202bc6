/**
 * Starts the real bot (createBot + startPolling) against the fake Bot API over HTTP, with the
 * fake article service, a captured log and the embedded state store in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { expect } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { BoundedMemoryStorage } from '../../src/dialogue/memory-storage.js';
import type { DialogueState } from '../../src/dialogue/state.js';
import type { SessionData } from '../../src/bot/context.js';
import { createLogger } from '../../src/log.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { openEmbeddedStore } from '../../src/state/embedded.js';
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from '../support/fake-bot-api.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { createFakeService, type FakeService } from './fake-service.js';

export interface Harness {
  api: FakeBotApi;
  service: FakeService;
  /** Every log line (level debug and up). */
  logs: string[];
  dataDir: string;
  running: RunningBot;
  /** Stops the bot only (the API keeps running), e.g. to restart it. */
  stopBot(): Promise<void>;
  /** Starts a new bot on the same API, service, logs and data folder. */
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  service?: FakeService;
  rateLimit?: { max: number; windowS: number };
  /** The dialogue storage every bot instance of the harness shares (a restart keeps it). Defaults to a new BoundedMemoryStorage. */
  dialogueStorage?: StorageAdapter<DialogueState>;
  /** User sessions instead of the store's (e.g. a storage whose writes wait). */
  storage?: StorageAdapter<SessionData>;
  /** Called with the API before the bot starts (fault injection at start-up). */
  beforeStart?: (api: FakeBotApi) => void;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const api = await startFakeBotApi();
  options.beforeStart?.(api);
  const service = options.service ?? createFakeService();
  const logs: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-test-'));
  const dialogueStorage = options.dialogueStorage ?? new BoundedMemoryStorage<DialogueState>();
  const start = async (): Promise<RunningBot> => {
    const store = await openEmbeddedStore(dataDir);
    // no secrets given to the logger: createBot must redact the token by itself
    const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
    const bot = createBot({
      token: api.token,
      apiRoot: api.apiRoot,
      service,
      store,
      storage: options.storage,
      logger,
      dialogueStorage,
      rateLimit: options.rateLimit ?? { max: 100, windowS: 20 },
      retry: { baseDelayMs: 5, maxRetries: 2 },
    });
    const running = await startPolling(bot, { logger, store, timeoutS: 1 });
    return {
      stop: async () => {
        await running.stop();
        await store.close();
      },
    };
  };
  const h: Harness = {
    api,
    service,
    logs,
    dataDir,
    running: await start(),
    stopBot: () => h.running.stop(),
    async restartBot() {
      await h.running.stop();
      h.running = await start();
    },
    async close() {
      await h.running.stop();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Pushes a private-chat message and resolves with the first `count` sendMessage calls to that chat. */
export async function say(
  h: Harness,
  text: string,
  opts: { chatId?: number; languageCode?: string; count?: number; replyTo?: number } = {},
): Promise<RecordedCall[]> {
  const chatId = opts.chatId ?? 501;
  const wait = h.api.waitForCalls('sendMessage', opts.count ?? 1, { filter: (p) => Number(p.chat_id) === chatId });
  h.api.sendText({ chatId, text, languageCode: opts.languageCode, replyTo: opts.replyTo });
  return wait;
}

/** Presses a button and resolves with the answerCallbackQuery call and the first `count` messages sent. */
export async function press(h: Harness, data: string, opts: { chatId?: number; messageId?: number; count?: number; method?: string } = {}) {
  const chatId = opts.chatId ?? 501;
  const answered = h.api.waitForCalls('answerCallbackQuery', 1);
  const sent =
    opts.count === 0
      ? Promise.resolve([])
      : h.api.waitForCalls(opts.method ?? 'sendMessage', opts.count ?? 1, { filter: (p) => Number(p.chat_id) === chatId });
  h.api.pressButton({ chatId, data, messageId: opts.messageId ?? 1 });
  const [[callback], messages] = await Promise.all([answered, sent]);
  return { callback, messages };
}

/** The callback data of every inline button of a sent message, by button text. */
export function buttons(call: RecordedCall): Record<string, string> {
  const markup = typeof call.params.reply_markup === 'string' ? JSON.parse(call.params.reply_markup) : call.params.reply_markup;
  return Object.fromEntries(
    (markup?.inline_keyboard ?? []).flat().map((b: { text: string; callback_data: string }) => [b.text, b.callback_data]),
  );
}

/** Resolves after `ms`; for checking that nothing happens. */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every text the bot sent or edited is valid Telegram HTML sent with parse_mode HTML, and no log line holds the token. */
export function expectCleanRun(h: Harness): void {
  for (const c of h.api.calls.filter((x) => x.method === 'sendMessage' || x.method === 'editMessageText')) {
    expect(c.params.parse_mode, `${c.method} ${c.params.text}`).toBe('HTML');
    expect(telegramHtmlProblems(String(c.params.text)), String(c.params.text)).toEqual([]);
  }
  const secret = h.api.token.split(':')[1];
  for (const line of h.logs) expect(line).not.toContain(secret);
}
