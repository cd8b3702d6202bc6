import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/bot/logger.js';
import { startWebhook, type RunningBot } from '../../src/bot/run.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService } from './fake-service.js';

const SECRET = 'webhook-secret-0123456789abcdef';
let api: FakeBotApi;
let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop();
  await api.close();
});

async function start(): Promise<string> {
  api = await startFakeBotApi();
  const storage = { read: () => undefined, write: () => undefined, delete: () => undefined };
  const logger = createLogger({ level: 'silent' });
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service: createFakeService(), storage, logger });
  running = await startWebhook(bot, { url: 'https://bot.example.org/tg/hook', port: 0, host: '127.0.0.1', secret: SECRET, logger });
  return `http://127.0.0.1:${running.port}`;
}

const update = (id: number, text: string) => JSON.stringify({
  update_id: id,
  message: { message_id: id, date: 0, text, chat: { id: 9, type: 'private', first_name: 'U' }, from: { id: 9, is_bot: false, first_name: 'U' } },
});
const post = (url: string, body: string, secret?: string) => fetch(url, {
  method: 'POST', body, headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
});

describe('startWebhook', () => {
  it('sets the webhook with the secret and answers updates that carry it', async () => {
    const base = await start();
    expect(api.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: SECRET });
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
});
