/**
 * End to end with the REAL article service: the index is built once (lexical embedder) into a temp
 * INDEX_DIR, the bot is created and started as src/main.ts does (createBot + startPolling), and
 * every message goes through the fake Telegram Bot API over HTTP with real long polling.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHelpHtml, formatStartHtml } from '../../src/answer/views.js';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { startPolling, type RunningBot } from '../../src/bot/run.js';
import { loadRetrievalConfig } from '../../src/config.js';
import { openService } from '../../src/setup.js';
import { openEmbeddedStore } from '../../src/state/embedded.js';
import type { StateStore } from '../../src/state/types.js';
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from '../support/fake-bot-api.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;
/** Building the real index and starting the bot against the fake Bot API. */
const INDEX_BUILD_TIMEOUT_MS = 60_000;

/** Longest acceptable time from pushing a question to the bot's sendMessage, in ms. */
const MAX_REPLY_MS = 1000;

let api: FakeBotApi;
let running: RunningBot | undefined;
let indexDir: string;
let dataDir: string;
let store: StateStore | undefined;
let rebuilt = false;
const logs: string[] = [];

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'real-service-index-'));
  dataDir = mkdtempSync(join(tmpdir(), 'real-service-data-'));
  const settings = loadRetrievalConfig({ EMBEDDER: 'lexical', INDEX_DIR: indexDir });
  const opened = await openService(settings, { log: (line) => logs.push(line) }); // builds the missing index once
  rebuilt = opened.rebuilt;
  api = await startFakeBotApi();
  store = await openEmbeddedStore(dataDir);
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: opened.service, store, logger });
  running = await startPolling(bot, { logger, store }); // the default 30 s long-polling timeout, as in main.ts
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await running?.stop();
  await store?.close();
  await api?.close();
  for (const dir of [indexDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

let nextChatId = 700;

/**
 * Pushes a private-chat message from a new chat and resolves with the bot's first sendMessage to
 * it and the time from the push to that call; checks that it is valid Telegram HTML.
 */
async function send(text: string, languageCode?: string): Promise<{ reply: RecordedCall; ms: number }> {
  const chatId = nextChatId++;
  const wait = api.waitForCalls('sendMessage', 1, { filter: (p) => Number(p.chat_id) === chatId, timeoutMs: 5000 });
  const pushedAt = Date.now();
  api.sendText({ chatId, text, languageCode });
  const [reply] = await wait;
  expect(reply.params.parse_mode, reply.params.text).toBe('HTML');
  expect(telegramHtmlProblems(String(reply.params.text)), reply.params.text).toEqual([]);
  return { reply, ms: reply.at - pushedAt };
}

const firstLine = (call: RecordedCall) => String(call.params.text).split('\n')[0];

describe('the bot with the real article service', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('builds the index once, in the temp INDEX_DIR', () => {
    expect(rebuilt).toBe(true);
    expect(readdirSync(indexDir)).toContain('meta.json');
  });

  it('answers /start and /help', async () => {
    const start = await send('/start', 'ru');
    expect(start.reply.params.text).toBe(formatStartHtml('ru'));
    expect(start.ms).toBeLessThan(MAX_REPLY_MS);
    const help = await send('/help', 'en');
    expect(help.reply.params.text).toBe(formatHelpHtml('en', 'article_qa_test_bot'));
    expect(help.ms).toBeLessThan(MAX_REPLY_MS);
  });

  it.each([
    { lang: 'kk', q: 'Зерттеудің екінші нәтижесі қандай?', heading: '<b>1. § Нәтижелер · тұжырым 2</b>' },
    { lang: 'ru', q: 'Какой третий вывод исследования?', heading: '<b>1. § Результаты · вывод 3</b> · <i>перевод с казахского</i>' },
    { lang: 'en', q: 'What is the fourth finding?', heading: '<b>1. § Results · finding 4</b> · <i>translated from Kazakh</i>' },
  ])('answers a $lang question with the section reference in $lang within 1 s', async ({ lang, q, heading }) => {
    const { reply, ms } = await send(q, lang);
    expect(firstLine(reply)).toBe(heading);
    expect(ms).toBeLessThan(MAX_REPLY_MS);
  });

  it('says the article does not address a question it has nothing on, pointing to /sections and /findings', async () => {
    const { reply, ms } = await send('How do I bake sourdough bread?', 'en');
    expect(reply.params.text).toBe(
      'The article does not address this question: “How do I bake sourdough bread?”\n\nSee the table of contents with /sections or the ' +
        'five main findings with /findings.',
    );
    expect(reply.params.reply_markup).toBeUndefined();
    expect(ms).toBeLessThan(MAX_REPLY_MS);
  });

  it("lists reference 18, in the project's English rendering, once at the end of a reply citing [18]", async () => {
    const { reply, ms } = await send('What does the Law on Artificial Intelligence regulate?', 'en');
    const lines = String(reply.params.text).split('\n');
    expect(lines[0]).toBe('<b>1. § Discussion</b> · <i>translated from Kazakh</i>');
    expect(lines[1]).toContain('are fixed in the Law of the Republic of Kazakhstan "On Artificial Intelligence" [18].');
    const cited = lines.indexOf('<i>References</i> · <i>translated from Kazakh</i>');
    expect(lines[cited + 1]).toBe(
      '[18] Republic of Kazakhstan (2025) Law "On Artificial Intelligence", 17 November, No. 230-VIII. Available at: ' +
        '&lt;https://adilet.zan.kz/&gt; (accessed: 20 January 2026).',
    );
    expect(lines.filter((l) => l.startsWith('[18]'))).toHaveLength(1);
    expect(ms).toBeLessThan(MAX_REPLY_MS);
  });

  it('sends every message as valid Telegram HTML and never logs the token', () => {
    const sent = api.calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText');
    expect(sent.length).toBeGreaterThan(0);
    for (const c of sent) {
      expect(c.params.parse_mode, c.params.text).toBe('HTML');
      expect(telegramHtmlProblems(String(c.params.text)), c.params.text).toEqual([]);
    }
    const secret = api.token.split(':')[1];
    for (const line of logs) expect(line).not.toContain(secret);
    expect(logs.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });
});
