/**
 * Webhook mode with the embedded store against the real process: updates Telegram posted (and was
 * answered 200 for) are kept in the inbox over a kill -9 and answered once after the restart; a
 * reply that had reached Telegram before the kill is not sent again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../support/fake-bot-api.js';
import { spawnMain, type MainProcess } from '../support/main-process.js';
import { freePort } from '../support/redis.js';
import { expectedReply, openRealService, QUESTIONS, TOKEN, until, type RealService } from './support.js';

/** Two starts of the bot (tsx, the index) and a burst with 100 ms Bot API latency on a busy 2-core machine. */
const WEBHOOK_CRASH_TIMEOUT_MS = 90_000;
/** How long one start or the answers after the restart may take. */
const WAIT_MS = 30_000;
const SECRET = 'webhook-crash-secret-0123456789';
const CHATS = 10;
const PER_CHAT = 3;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

describe('webhook mode, kill -9 in the middle of a burst', () => {
  it(
    'answers every update it answered 200 for once, after the restart, and sends no reply twice',
    async () => {
      const api = await startFakeBotApi({ token: TOKEN, latencyMs: 100 });
      const dir = mkdtempSync(join(tmpdir(), 'webhook-crash-'));
      const port = await freePort();
      const env = {
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        INDEX_DIR: real.indexDir,
        DATA_DIR: join(dir, 'data'),
        WEBHOOK_URL: 'https://bot.example.org/tg/hook',
        WEBHOOK_PORT: String(port),
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_HOST: '127.0.0.1',
      };
      const bots: MainProcess[] = [];
      const start = async () => {
        const bot = spawnMain(env);
        bots.push(bot);
        await until(() => /is answering \(webhook/.test(bot.output()), 'the bot to start', WAIT_MS);
        return bot;
      };
      try {
        const first = await start();
        // PER_CHAT questions per chat: a chat's are answered one after another, so the kill always finds some unanswered
        const asked = Array.from({ length: CHATS }, (_, c) => ({
          chatId: 70_000 + c,
          texts: Array.from({ length: PER_CHAT }, (_, j) => QUESTIONS[(c + j * CHATS) % QUESTIONS.length]),
        }));
        const post = (chatId: number, text: string, updateId: number) =>
          fetch(`http://127.0.0.1:${port}/tg/hook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: JSON.stringify({
              update_id: updateId,
              message: {
                message_id: 1,
                date: 1,
                text,
                chat: { id: chatId, type: 'private', first_name: 'U' },
                from: { id: chatId, is_bot: false, first_name: 'U', language_code: 'en' },
              },
            }),
          }).then((r) => r.status);
        const statuses: number[] = [];
        for (let j = 0; j < PER_CHAT; j++)
          statuses.push(...(await Promise.all(asked.map(({ chatId, texts }, c) => post(chatId, texts[j], 500 + j * CHATS + c)))));
        expect(statuses).toEqual(Array(CHATS * PER_CHAT).fill(200)); // each on disk in the inbox: Telegram will not post it again
        const sent = (chatId: number) =>
          api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));
        const all = () => asked.reduce((n, { chatId }) => n + sent(chatId).length, 0);
        await until(() => all() > 0, 'the first reply', WAIT_MS); // then kill: the others are in flight or waiting in the inbox
        first.proc.kill('SIGKILL');
        await first.exited;
        const expected = await Promise.all(
          asked.map(async ({ texts }) => (await Promise.all(texts.map((t) => expectedReply(real.service, t)))).flat()),
        );
        const repliesAtKill = all();
        const second = await start();
        // the kill cut the burst short: the restarted bot takes up what the inbox kept
        expect(repliesAtKill).toBeLessThan(expected.flat().length);
        expect(second.output()).toMatch(/\d+ updates left in the inbox by the last run: handling them first/);
        await until(() => asked.every(({ chatId }, i) => sent(chatId).length >= expected[i].length), 'every update answered', WAIT_MS);
        await new Promise((r) => setTimeout(r, 300)); // a second copy would come now
        expect(asked.map(({ chatId }) => sent(chatId))).toEqual(expected);
        second.proc.kill('SIGTERM');
        await second.exited;
      } finally {
        for (const b of bots) if (b.proc.exitCode === null && b.proc.signalCode === null) b.proc.kill('SIGKILL');
        await Promise.all(bots.map((b) => b.exited));
        await api.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    WEBHOOK_CRASH_TIMEOUT_MS,
  );
});
