/**
 * Security: the token never reaches a log line, an error message or a reply; the webhook secret is
 * enforced before any handler runs; the per-user rate limit holds under a burst; replies never
 * show file paths, stack frames or error names, whatever the service throws.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/answer/i18n.js';
import { escapeHtml } from '../../src/answer/rich.js';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { startWebhook, type RunningBot } from '../../src/bot/run.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startFakeBotApi } from '../support/fake-bot-api.js';
import {
  expectCleanRun,
  expectedReply,
  LEAK,
  openRealService,
  pause,
  QUESTIONS,
  spyService,
  startApi,
  startBot,
  textsTo,
  TOKEN,
  TOKEN_SECRET,
  until,
  type Api,
  type BotRun,
  type RealService,
} from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const en = t('en');
let real: RealService;
let run: BotRun | undefined;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());
afterEach(async () => {
  await run?.close();
  run = undefined;
});

/** Every string a user could see: message texts, callback notices, inline results. */
function userVisible(api: Api): string[] {
  return api.calls.flatMap((c) => {
    if (c.method === 'sendMessage' || c.method === 'editMessageText') return [String(c.params.text)];
    if (c.method === 'answerCallbackQuery') return c.params.text ? [String(c.params.text)] : [];
    if (c.method === 'answerInlineQuery') return [JSON.stringify(c.params.results), c.params.button?.text ?? ''];
    return [];
  });
}

describe('the bot token', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('appears in no log line and no reply through Telegram faults, service failures and bad input', async () => {
    let failWith: Error | undefined;
    const service = spyService(real.service, () => {
      const e = failWith;
      failWith = undefined;
      if (e) throw e;
    });
    run = await startBot({
      service,
      retry: { baseDelayMs: 5, maxRetries: 2 },
      beforeStart: (api) => api.failNext('setMyCommands', { kind: '500' }, 12),
    });
    const api = run.api;
    api.failNext('getUpdates', { kind: 'drop' }, 1);
    api.failNext('sendMessage', { kind: '502' }, 1);
    api.sendText({ chatId: 9101, text: QUESTIONS[0] });
    await until(() => textsTo(api, 9101).length > 0, 'the first answer');
    // an error whose message carries the API URL with the token, as a fetch error would
    failWith = new Error(`request to ${api.apiRoot}/bot${TOKEN}/sendMessage failed, reason: socket hang up (${encodeURIComponent(TOKEN)})`);
    api.failNext('sendMessage', { kind: '500' }, 3); // the apology itself fails for good
    api.sendText({ chatId: 9102, text: QUESTIONS[1] });
    await until(() => run!.logs.some((l) => l.includes('ERROR update')), 'the failure to be logged');
    api.sendText({ chatId: 9103, text: '😀' });
    api.pressButton({ chatId: 9104, data: `v1:more:1:${TOKEN_SECRET.slice(0, 10)}`, messageId: 1 });
    api.failNext('answerCallbackQuery', { kind: 'drop' }, 1);
    api.sendText({ chatId: 9105, text: `my token is ${TOKEN}, what now?` });
    api.inlineQuery({ userId: 9106, query: TOKEN });
    await until(() => textsTo(api, 9105).length > 0 && api.calls.some((c) => c.method === 'answerInlineQuery'), 'the last replies');
    await pause(200);
    expect(run.logs.join('\n')).not.toContain(TOKEN_SECRET);
    expect(run.logs.join('\n')).not.toContain(encodeURIComponent(TOKEN_SECRET));
    expect(run.logs.filter((l) => / ERROR /.test(l)).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(
        /^ERROR update \d+ failed: request to http:\/\/127\.0\.0\.1:\d+\/bot\[redacted\]\/sendMessage failed, reason: socket hang up \(\[redacted\]\)$/,
      ),
    ]);
    expect(run.logs.filter((l) => l.includes('WARN could not register the command menu'))).toHaveLength(4);
    expect(api.faulted('sendMessage').map((c) => c.params.chat_id)).toEqual([9101, 9102, 9102, 9102]);
    expect([9101, 9102, 9103, 9104, 9105].map((chat) => textsTo(api, chat).length > 0)).toEqual([true, false, true, false, true]);
    // the user's own text is echoed back to that user only; nothing else shows the token
    for (const text of userVisible(api).filter((x) => !x.includes('my token is'))) expect(text).not.toContain(TOKEN_SECRET);
  });

  it('is not echoed by ConfigError for a malformed token or webhook secret', () => {
    const malformed = [`bot${TOKEN}`, TOKEN.replace(':', ' '), `${TOKEN} `.repeat(2), TOKEN.slice(0, 20), `${TOKEN}!`];
    for (const token of malformed) {
      const err = (() => {
        try {
          loadConfig({ BOT_TOKEN: token });
        } catch (e) {
          return e as ConfigError;
        }
        return undefined;
      })();
      expect(err, token).toBeInstanceOf(ConfigError);
      expect(err!.message).toBe(
        `BOT_TOKEN does not look like a bot token (expected <bot id>:<secret of 30+ letters, digits, _ or ->, got ${token.trim().length} ` +
          `characters): copy it again from @BotFather into .env, or run \`npm run ask\` to try the article without Telegram (every ` +
          `variable is described in .env.example)`,
      );
      expect(err!.message).not.toContain(TOKEN.slice(11, 30));
    }
    const secret = 'not a secret: s3cr3t-value-that-must-stay-hidden';
    const err = (() => {
      try {
        loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: secret });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(err!.message).toBe(
      `WEBHOOK_SECRET must be 16–256 letters, digits, _ or - (got ${secret.length} characters) (every variable is described in ` +
        `.env.example)`,
    );
  });

  it(
    'is not printed by src/main.ts for a malformed token, nor with DEBUG=1 when Telegram refuses it',
    async ({ onTestFinished }) => {
      const other = await startFakeBotApi(); // accepts only its own token: ours gets 401
      const dataDir = mkdtempSync(join(tmpdir(), 'security-data-'));
      onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
      const start = (env: Record<string, string>) =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: {
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? tmpdir(),
              EMBEDDER: 'lexical',
              INDEX_DIR: real.indexDir,
              DATA_DIR: dataDir,
              WEBHOOK_URL: '',
              WEBHOOK_SECRET: '',
              ...env,
            },
          });
          let output = '';
          proc.stdout!.on('data', (d) => {
            output += d;
          });
          proc.stderr!.on('data', (d) => {
            output += d;
          });
          proc.once('exit', (code) => resolve({ code, output }));
        });
      try {
        const [bad, refused] = await Promise.all([
          start({ BOT_TOKEN: `${TOKEN}#` }),
          start({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: other.apiRoot, DEBUG: '1' }),
        ]);
        expect(bad).toEqual({
          code: 1,
          output:
            `error: BOT_TOKEN does not look like a bot token (expected <bot id>:<secret of 30+ letters, digits, _ or ->, got ` +
            `${TOKEN.length + 1} characters): copy it again from @BotFather into .env, or run \`npm run ask\` to try the article without ` +
            `Telegram (every variable is described in .env.example)\n`,
        });
        expect(refused.code).toBe(1);
        expect(refused.output).toContain(
          '\nerror: Telegram rejected BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather into .env (see ' +
            '.env.example)\nTelegramAuthError: Telegram rejected BOT_TOKEN',
        );
        expect(refused.output).toMatch(/\n\s+at \S/); // DEBUG=1 prints the stack…
        expect(refused.output).not.toContain(TOKEN_SECRET); // …and nothing of the token
      } finally {
        await other.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

describe('the webhook secret', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const SECRET = 'wh_secret-0123456789abcdefABCDEF';
  let running: RunningBot | undefined;
  let api: Api | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await api?.close();
    api = undefined;
  });

  it('refuses requests without it or with a wrong one with 401 before any handler runs', async () => {
    api = await startApi();
    const service = spyService(real.service);
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), secrets: [SECRET] });
    const bot = createBot({
      token: api.token,
      apiRoot: api.apiRoot,
      service,
      storage: { read: () => undefined, write: () => undefined, delete: () => undefined },
      logger,
    });
    running = await startWebhook(bot, { url: 'https://bot.example.org/tg/hook', port: 0, host: '127.0.0.1', secret: SECRET, logger });
    const url = `http://127.0.0.1:${running.port}/tg/hook`;
    let id = 0;
    const update = (text: string) =>
      JSON.stringify({
        update_id: ++id,
        message: {
          message_id: id,
          date: 0,
          text,
          chat: { id: 9201, type: 'private', first_name: 'U' },
          from: { id: 9201, is_bot: false, first_name: 'U' },
        },
      });
    const callback = () =>
      JSON.stringify({
        update_id: ++id,
        callback_query: { id: `q${id}`, from: { id: 9201, is_bot: false, first_name: 'U' }, chat_instance: 'c', data: 'v1:ex:en:0' },
      });
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const header = (value: string) => ({ 'x-telegram-bot-api-secret-token': value });
    const refused = await Promise.all([
      post(update(QUESTIONS[0])),
      post(update(QUESTIONS[0]), header('')),
      post(update(QUESTIONS[0]), header('wrong-secret-0123456789abcdef')),
      post(update(QUESTIONS[0]), header(SECRET.toUpperCase())),
      post(update(QUESTIONS[0]), header(SECRET.slice(0, -1))),
      post(update(QUESTIONS[0]), header(`${SECRET}x`)),
      post(callback(), header('wrong')),
      ...Array.from({ length: 20 }, () => post(update('/start'), header(`guess-${Math.random()}`))),
    ]);
    expect(refused.map((r) => r.status)).toEqual(Array(27).fill(401));
    expect(await fetch(`http://127.0.0.1:${running.port}/tg/hook`).then((r) => r.status)).toBe(404);
    expect(await post(update(QUESTIONS[0]), { ...header(SECRET) }).then((r) => r.status)).toBe(200);
    await until(() => textsTo(api!, 9201).length > 0, 'the answer to the request with the secret');
    expect(service.asked).toEqual([QUESTIONS[0]]);
    expect(
      api.calls.filter((c) => !['getMe', 'setWebhook', 'setMyCommands', 'sendChatAction'].includes(c.method)).map((c) => c.method),
    ).toEqual(['sendMessage']);
    expect(textsTo(api, 9201)).toEqual(await expectedReply(real.service, QUESTIONS[0]));
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});

/** 10 replies to one chat: Telegram's limits (throttle.ts) let 4 go at once, then one a second. */
const BURST_TIMEOUT_MS = 20_000;

describe('the per-user rate limit (8 questions per 20 s)', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const limited = escapeHtml(en.rateLimited.replace('{s}', '20'));

  it('answers the first 8 questions of a burst of 12, says so once at the 9th, stays silent after, and still serves another user and ' +
    'commands', {
    timeout: BURST_TIMEOUT_MS,
  }, async () => {
    const service = spyService(real.service);
    run = await startBot({ service, rateLimit: { max: 8, windowS: 20 } });
    const [alice, bob] = [9301, 9302];
    const aliceQuestions = Array.from({ length: 12 }, (_, i) => QUESTIONS[i]);
    for (const [i, q] of aliceQuestions.entries()) {
      run.api.sendText({ chatId: alice, text: q });
      if (i === 10) run.api.sendText({ chatId: alice, text: '/help' });
      if (i < 3) run.api.sendText({ chatId: bob, text: QUESTIONS[19 - i] });
    }
    run.api.pressButton({ chatId: alice, data: 'v1:ex:en:0', messageId: 1 });
    const expected = [...(await Promise.all(aliceQuestions.slice(0, 8).map((q) => expectedReply(real.service, q)))).flat(), limited];
    await until(() => textsTo(run!.api, alice).length >= expected.length + 1 && textsTo(run!.api, bob).length >= 3, 'the replies');
    await until(() => run!.api.calls.some((c) => c.method === 'answerCallbackQuery'), 'the button press');
    await pause(200);
    const texts = textsTo(run.api, alice);
    // the replies are paced at Telegram's one a second per chat: the 9th question is counted a few seconds into the window
    const seconds = (x: string) => x.replace(/ in \d+ s\.$/, ' in N s.');
    expect(texts.slice(0, expected.length).map(seconds)).toEqual(expected.map(seconds));
    expect(Number(/ in (\d+) s\.$/.exec(texts[expected.length - 1])?.[1])).toBeGreaterThanOrEqual(10);
    expect(texts.slice(expected.length).map((x) => x.split('\n')[0])).toEqual(['<b>How to ask</b>']);
    expect(run.api.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => seconds(c.params.text))).toEqual([
      seconds(en.rateLimited.replace('{s}', '20')),
    ]);
    expect(service.asked.filter((q) => aliceQuestions.includes(q as never))).toEqual(aliceQuestions.slice(0, 8));
    expect(service.asked).toHaveLength(11);
    expect(textsTo(run.api, bob)).toEqual((await Promise.all([19, 18, 17].map((i) => expectedReply(real.service, QUESTIONS[i])))).flat());
    expectCleanRun(run.api, run.logs);
  });

  it('lets a limited user ask again once the window has passed', async () => {
    run = await startBot({ service: real.service, rateLimit: { max: 2, windowS: 1 } });
    for (const q of QUESTIONS.slice(0, 4)) run.api.sendText({ chatId: 9401, text: q });
    const first = [
      ...(await expectedReply(real.service, QUESTIONS[0])),
      ...(await expectedReply(real.service, QUESTIONS[1])),
      escapeHtml(en.rateLimited.replace('{s}', '1')),
    ];
    await until(() => textsTo(run!.api, 9401).length >= first.length, 'the first window');
    await pause(1100);
    run.api.sendText({ chatId: 9401, text: QUESTIONS[5] });
    const again = await expectedReply(real.service, QUESTIONS[5]);
    await until(() => textsTo(run!.api, 9401).length >= first.length + again.length, 'the answer in the next window');
    expect(textsTo(run.api, 9401)).toEqual([...first, ...again]);
  });
});

describe('replies', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('never show file paths, stack frames or error names, whatever the service throws', async () => {
    const failures: Error[] = [
      Object.assign(new Error("ENOENT: no such file or directory, open '/work/main/index/article/chunks.json'"), { code: 'ENOENT' }),
      new TypeError(
        "Cannot read properties of undefined (reading 'id')\n    at createArticleService (/work/main/src/retrieval/service.ts:54:45)",
      ),
      new SyntaxError('Unexpected token < in JSON at position 0 (/work/main/index/article/meta.json)'),
      new RangeError('Maximum call stack size exceeded'),
    ];
    let next: Error | undefined;
    const service = spyService(real.service, () => {
      const e = next;
      next = undefined;
      if (e) throw e;
    });
    run = await startBot({ service });
    for (const [i, failure] of failures.entries()) {
      next = failure;
      run.api.sendText({ chatId: 9501 + i, text: QUESTIONS[i] });
      await until(() => textsTo(run!.api, 9501 + i).length > 0, `the reply to failure ${i}`);
    }
    next = new Error('/work/main/node_modules/hnswlib-node/build/Release/addon.node: invalid ELF header');
    run.api.inlineQuery({ userId: 9601, query: QUESTIONS[0] });
    await until(() => run!.logs.filter((l) => / ERROR /.test(l)).length === 5, 'five logged failures');
    expect(failures.map((_, i) => textsTo(run!.api, 9501 + i))).toEqual([
      [escapeHtml(en.error)],
      [escapeHtml(en.error)],
      [escapeHtml(en.error)],
      [escapeHtml(en.error)],
    ]);
    expect(run.api.calls.filter((c) => c.method === 'answerInlineQuery')).toEqual([]);
    for (const text of userVisible(run.api)) expect(text).not.toMatch(LEAK);
    expectCleanRun(run.api, run.logs);
  });
});
