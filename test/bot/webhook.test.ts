import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { startWebhook, type RunningBot } from '../../src/bot/run.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService } from './fake-service.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

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

const update = (id: number, text: string) =>
  JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      text,
      chat: { id: 9, type: 'private', first_name: 'U' },
      from: { id: 9, is_bot: false, first_name: 'U' },
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
});
