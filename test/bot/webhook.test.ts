import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { startWebhook, type RunningBot } from '../../src/bot/run.js';
import { openEmbeddedStore } from '../../src/state/embedded.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService } from './fake-service.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

/** The longest a test here waits for the bot to answer (below the test's own timeout, so a miss fails with its figures). */
const REACT_MS = 8_000;
const SECRET = 'webhook-secret-0123456789abcdef';
let api: FakeBotApi;
let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop();
  await api.close();
});

let logs: string[] = [];
async function start(host: string | undefined = '127.0.0.1'): Promise<string> {
  api = await startFakeBotApi();
  const storage = { read: () => undefined, write: () => undefined, delete: () => undefined };
  logs = [];
  const logger = createLogger({ level: 'warn', write: (line) => logs.push(line.replace(/^\S+ /, '')) });
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), storage, logger });
  running = await startWebhook(bot, { url: 'https://bot.example.org/tg/hook', port: 0, ...(host ? { host } : {}), secret: SECRET, logger });
  return `http://127.0.0.1:${running.port}`;
}

/** POSTs `body` in 64 KB chunks without a Content-Length (chunked), resolving with the status. */
function postChunked(url: string, bytes: number, secret: string): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
      },
    );
    req.on('error', (err) => (sent > 0 ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('{"update_id": 1, "pad": "');
    pump();
  });
}

const update = (id: number, text: string, chatId = 9) =>
  JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      text,
      chat: { id: chatId, type: 'private', first_name: 'U' },
      from: { id: chatId, is_bot: false, first_name: 'U' },
    },
  });
const post = (url: string, body: string, secret?: string) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
  });

describe('startWebhook', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('sets the webhook with the secret and answers updates that carry it', async () => {
    const base = await start();
    expect(api.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({
      url: 'https://bot.example.org/tg/hook',
      secret_token: SECRET,
    });
    const sent = api.waitForCalls('sendMessage', 1);
    expect((await post(`${base}/tg/hook`, update(1, 'What is the risk-based approach?'), SECRET)).status).toBe(200);
    expect((await sent)[0].params.text.split('\n')[0]).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
  });

  it('refuses a missing or wrong secret with 401 and other paths with 404', async () => {
    const base = await start();
    expect((await post(`${base}/tg/hook`, update(2, 'risk?'))).status).toBe(401);
    expect((await post(`${base}/tg/hook`, update(3, 'risk?'), 'wrong-secret-0123456789')).status).toBe(401);
    expect((await post(`${base}/other`, update(4, 'risk?'), SECRET)).status).toBe(404);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('listens on 127.0.0.1 by default', async () => {
    await start(undefined);
    expect(logs).toEqual([]);
    const server = (running as unknown as { port: number }).port;
    expect(server).toBeGreaterThan(0);
    // bound to 127.0.0.1 only: 127.0.0.2 (also loopback on Linux) is refused; a server on every interface would answer it
    const reach = (address: string) =>
      fetch(`http://${address}:${server}/other`, { method: 'POST' }).then(
        (r) => r.status,
        (e) => e.cause?.code ?? 'error',
      );
    expect([await reach('127.0.0.1'), await reach('127.0.0.2')]).toEqual([404, 'ECONNREFUSED']);
  });

  it('refuses a body announced over 1 MB with 413 before reading it, even with the secret', async () => {
    const base = await start();
    const big = JSON.stringify({ update_id: 5, pad: 'x'.repeat(1024 * 1024) });
    expect((await post(`${base}/tg/hook`, big, SECRET)).status).toBe(413);
    expect(logs).toEqual([`WARN webhook: refused a request of ${Buffer.byteLength(big)} bytes (over 1048576)`]);
    expect((await post(`${base}/tg/hook`, update(6, 'What is the risk-based approach?'), SECRET)).status).toBe(200);
  });

  it('refuses a streamed body with 413 as soon as it passes 1 MB, without reading the rest', async () => {
    const base = await start();
    const { status, sent } = await postChunked(`${base}/tg/hook`, 50 * 1024 * 1024, SECRET);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(20 * 1024 * 1024); // the server closed the connection long before the 50 MB were sent
    expect(logs).toEqual(['WARN webhook: refused a request body over 1048576 bytes']);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('with the embedded store: writes an update to the inbox before answering 200, answers it once however often it comes, and answers at start what a crash left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-inbox-'));
    const store = await openEmbeddedStore(dir);
    try {
      api = await startFakeBotApi();
      await store.inbox.admit([JSON.parse(update(30, 'What is the risk-based approach?', 930))]); // left by a crash
      const logger = createLogger({ level: 'error' });
      const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), store, logger });
      running = await startWebhook(bot, { url: 'https://bot.example.org/tg/hook', port: 0, secret: SECRET, logger, store });
      const base = `http://127.0.0.1:${running.port}`;
      const toChat = (chatId: number) => api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);
      const first = await post(`${base}/tg/hook`, update(31, 'What is the risk-based approach?', 931), SECRET);
      // when 200 comes, the update is on disk: in the inbox, or already handled
      expect([first.status, store.inbox.pending().some((e) => e.update.update_id === 31) || (await store.wasHandled(31))]).toEqual([
        200,
        true,
      ]);
      expect((await post(`${base}/tg/hook`, update(31, 'What is the risk-based approach?', 931), SECRET)).status).toBe(200); // again
      const end = Date.now() + REACT_MS;
      while ((toChat(930).length === 0 || toChat(931).length === 0 || store.inbox.size() > 0) && Date.now() < end)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 200)); // a second copy would come now
      expect([toChat(930).length, toChat(931).length, store.inbox.size(), await store.wasHandled(30), await store.wasHandled(31)]).toEqual([
        1,
        1,
        0,
        true,
        true,
      ]);
      await running.stop();
      running = undefined;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
