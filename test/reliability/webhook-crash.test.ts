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
        const asked = Array.from({ length: CHATS }, (_, i) => ({ chatId: 70_000 + i, text: QUESTIONS[i % QUESTIONS.length] }));
        const statuses = await Promise.all(
          asked.map(({ chatId, text }, i) =>
            fetch(`http://127.0.0.1:${port}/tg/hook`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
              body: JSON.stringify({
                update_id: 500 + i,
                message: {
                  message_id: 1,
                  date: 1,
                  text,
                  chat: { id: chatId, type: 'private', first_name: 'U' },
                  from: { id: chatId, is_bot: false, first_name: 'U', language_code: 'en' },
                },
              }),
            }).then((r) => r.status),
          ),
        );
        expect(statuses).toEqual(asked.map(() => 200)); // each on disk in the inbox: Telegram will not post it again
        await new Promise((r) => setTimeout(r, 150)); // some replies on their way to Telegram, some not yet sent
        const sent = (chatId: number) =>
          api.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));
        first.proc.kill('SIGKILL');
        await first.exited;
        const answeredAtKill = asked.filter(({ chatId }) => sent(chatId).length > 0).length;
        const second = await start();
        // the kill cut the burst short: the restarted bot takes up what the inbox kept
        expect(answeredAtKill).toBeLessThan(CHATS);
        expect(second.output()).toMatch(/\d+ updates left in the inbox by the last run: handling them first/);
        const expected = await Promise.all(asked.map(({ text }) => expectedReply(real.service, text)));
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
