import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard } from 'grammy';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let api: FakeBotApi;
let bot: Bot | undefined;
let running: Promise<void> | undefined;

const call = (method: string, body?: unknown, token = api.token) =>
  fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

function startBot(setup: (b: Bot) => void): Bot {
  bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
  bot.catch((err) => {
    throw err.error;
  });
  setup(bot);
  running = bot.start({ timeout: 1 });
  return bot;
}

beforeEach(async () => {
  api = await startFakeBotApi();
});
afterEach(async () => {
  if (bot?.isRunning()) await bot.stop();
  await running;
  bot = undefined;
  running = undefined;
  await api.close();
});

describe('fake Bot API with a real grammY bot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('echoes a pushed message and returns a realistic Message', async () => {
    const replies: unknown[] = [];
    startBot((b) =>
      b.on('message:text', async (ctx) => {
        replies.push(await ctx.reply(`echo: ${ctx.message.text}`));
      }),
    );
    const sent = api.waitForCalls('sendMessage', 1);
    const updateId = api.sendText({ chatId: 100, text: 'hello', languageCode: 'kk' });
    const [c] = await sent;
    expect(c.params).toEqual({ chat_id: 100, text: 'echo: hello' });
    await bot!.stop();
    expect(replies).toEqual([
      {
        message_id: 2, // the user's message was 1 in this chat
        from: { id: 4242, is_bot: true, first_name: 'Article QA Test Bot', username: 'article_qa_test_bot' },
        chat: { id: 100, type: 'private', first_name: 'User100', username: 'user100' },
        date: expect.any(Number),
        text: 'echo: hello',
      },
    ]);
    expect(api.confirmedUpdateIds()).toEqual([updateId]);
    expect(api.calls.map((x) => x.method).slice(0, 2)).toEqual(['getMe', 'deleteWebhook']);
  });

  it('handles commands, inline buttons and inline queries', async () => {
    startBot((b) => {
      b.command('start', (ctx) => ctx.reply('Ask me', { reply_markup: new InlineKeyboard().text('Sources', 'src:1') }));
      b.callbackQuery(/^src:/, async (ctx) => {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText('Sources: §1');
      });
      b.on('inline_query', (ctx) => ctx.answerInlineQuery([], { cache_time: 0 }));
    });
    const sent = api.waitForCalls('sendMessage', 1);
    api.sendText({ chatId: 7, text: '/start' });
    const [msg] = await sent;
    expect(msg.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Sources', callback_data: 'src:1' }]] });

    const edited = api.waitForCalls('editMessageText', 1);
    const answered = api.waitForCalls('answerCallbackQuery', 1);
    api.pressButton({ chatId: 7, data: 'src:1', messageId: 2 });
    expect((await answered)[0].params).toEqual({ callback_query_id: 'cbq-1' });
    expect((await edited)[0].params).toEqual({ chat_id: 7, message_id: 2, text: 'Sources: §1' });

    const inline = api.waitForCalls('answerInlineQuery', 1);
    api.inlineQuery({ userId: 7, query: 'what is it' });
    expect((await inline)[0].params).toEqual({ inline_query_id: 'iq-2', results: [], cache_time: 0 });
  });

  it('surfaces a 429 to grammY as GrammyError with retry_after', async () => {
    const b = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    api.failNext('sendMessage', { kind: '429', retryAfter: 3 });
    const err = await b.api.sendMessage(1, 'x').catch((e) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect(err.error_code).toBe(429);
    expect(err.parameters).toEqual({ retry_after: 3 });
    await expect(b.api.sendMessage(1, 'x')).resolves.toMatchObject({ text: 'x', chat: { id: 1 } });
  });
});

describe('getUpdates long polling', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('holds a poll with no updates for `timeout` seconds, then returns []', async () => {
    const t0 = Date.now();
    const body = await (await call('getUpdates', { timeout: 1 })).json();
    const elapsed = Date.now() - t0;
    expect(body).toEqual({ ok: true, result: [] });
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(1800);
  });

  it('wakes a waiting poll when an update is pushed', async () => {
    const arrived = api.waitForCalls('getUpdates', 1);
    const t0 = Date.now();
    const pending = call('getUpdates', { timeout: 10 }).then((r) => r.json());
    await arrived;
    setTimeout(() => api.sendText({ chatId: 5, text: 'hi' }), 100);
    const body = await pending;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(body.result).toHaveLength(1);
    expect(body.result[0]).toMatchObject({ update_id: 1, message: { text: 'hi', chat: { id: 5, type: 'private' }, from: { id: 5 } } });
  });

  it('respects offset and limit and reports confirmed ids', async () => {
    for (const text of ['a', 'b', 'c']) api.sendText({ chatId: 1, text });
    const ids = async (body: object) => ((await (await call('getUpdates', body)).json()).result as any[]).map((u) => u.update_id);
    expect(await ids({ limit: 2 })).toEqual([1, 2]);
    expect(api.confirmedUpdateIds()).toEqual([]);
    expect(await ids({ offset: 2 })).toEqual([2, 3]);
    expect(api.confirmedUpdateIds()).toEqual([1]);
    expect(await ids({ offset: 4, timeout: 0 })).toEqual([]);
    expect(api.confirmedUpdateIds()).toEqual([1, 2, 3]);
  });

  it('close() with a pending long poll resolves fast', async () => {
    const arrived = api.waitForCalls('getUpdates', 1);
    const pending = call('getUpdates', { timeout: 30 }).then(
      (r) => r.json(),
      (e) => e,
    );
    await arrived;
    const t0 = Date.now();
    await api.close();
    await pending;
    expect(Date.now() - t0).toBeLessThan(500);
  });
});

describe('faults and errors', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('429 answers with retry_after, once, and only for the named method', async () => {
    api.failNext('sendMessage', { kind: '429', retryAfter: 7 });
    expect((await call('getMe')).status).toBe(200);
    const r = await call('sendMessage', { chat_id: 1, text: 'x' });
    expect(r.status).toBe(429);
    expect(await r.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect((await call('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
  });

  it('500 and 502 answer with that status and ok:false, `times` in a row', async () => {
    api.failNext('getMe', { kind: '500' }, 2);
    api.failNext('sendChatAction', { kind: '502' });
    for (let i = 0; i < 2; i++) {
      const r = await call('getMe');
      expect(r.status).toBe(500);
      expect(await r.json()).toEqual({ ok: false, error_code: 500, description: 'Internal Server Error' });
    }
    expect((await call('getMe')).status).toBe(200);
    const r = await call('sendChatAction', { chat_id: 1, action: 'typing' });
    expect(r.status).toBe(502);
    expect(await r.json()).toEqual({ ok: false, error_code: 502, description: 'Bad Gateway' });
  });

  it('hang delays the normal answer; drop destroys the socket', async () => {
    api.failNext('getMe', { kind: 'hang', ms: 300 });
    const t0 = Date.now();
    const body = await (await call('getMe')).json();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(body).toMatchObject({ ok: true, result: { id: 4242, is_bot: true, username: 'article_qa_test_bot' } });
    api.failNext('getMe', { kind: 'drop' });
    await expect(call('getMe')).rejects.toThrow(/fetch failed/);
    expect(api.calls.filter((c) => c.method === 'getMe')).toHaveLength(2); // faulted calls are recorded too
  });

  it('wrong token → 401, unknown method → 404, malformed body → 400', async () => {
    const r401 = await call('getMe', undefined, '1:wrong');
    expect(r401.status).toBe(401);
    expect(await r401.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const r404 = await call('sendRocket', {});
    expect(r404.status).toBe(404);
    expect(await r404.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
    const bad = await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error_code: 400 });
    expect(api.calls).toEqual([{ method: 'sendRocket', params: {}, at: expect.any(Number) }]);
  });

  it('accepts urlencoded and multipart bodies', async () => {
    const url = `${api.apiRoot}/bot${api.token}/sendMessage`;
    const r1 = await fetch(url, { method: 'POST', body: new URLSearchParams({ chat_id: '3', text: 'form' }) });
    expect((await r1.json()).result).toMatchObject({ message_id: 1, chat: { id: 3 }, text: 'form' });
    const form = new FormData();
    form.set('chat_id', '-100');
    form.set('text', 'multi');
    form.set('document', new Blob(['abc']), 'a.txt');
    const r2 = await fetch(url, { method: 'POST', body: form });
    expect((await r2.json()).result).toMatchObject({ message_id: 1, chat: { id: -100, type: 'supergroup' }, text: 'multi' });
    expect(api.calls.map((c) => c.params)).toEqual([
      { chat_id: '3', text: 'form' },
      { chat_id: '-100', text: 'multi', document: { filename: 'a.txt', size: 3, type: 'application/octet-stream' } },
    ]);
  });
});
