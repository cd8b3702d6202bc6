import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/log.js';
import { startPolling, TelegramAuthError, TelegramUnreachableError } from '../../src/bot/run.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { createFakeService } from './fake-service.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const storage = { read: () => undefined, write: () => undefined, delete: () => undefined };
const bot = (token: string, apiRoot: string) =>
  createBot({
    token,
    apiRoot,
    service: createFakeService(),
    storage,
    logger: createLogger({ level: 'silent' }),
    retry: { maxRetries: 1, baseDelayMs: 5 },
  });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('startPolling', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('throws TelegramAuthError, without the token, when the token is refused', async () => {
    api = await startFakeBotApi();
    const err = await startPolling(bot('999999:wrong-token-wrong-token-wrong-token', api.apiRoot), {
      logger: createLogger({ level: 'silent' }),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TelegramAuthError);
    expect(err.message).toBe(
      'Telegram rejected BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather into .env (see .env.example)',
    );
  });

  it('throws TelegramUnreachableError when the Bot API cannot be reached', async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    const err = await startPolling(bot('999999:some-token-some-token-some-token', root), {
      logger: createLogger({ level: 'silent' }),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TelegramUnreachableError);
    expect(err.message).toBe(
      "cannot reach the Telegram Bot API (Network request for 'getMe' failed!): check the network connection, or TELEGRAM_API_ROOT if it " +
        'is set',
    );
  });

  it('calls onCrash when polling stops by itself (409: a webhook or another instance took over)', async () => {
    api = await startFakeBotApi();
    const lines: string[] = [];
    const crashed = new Promise<unknown>((resolve) => {
      void startPolling(bot(api!.token, api!.apiRoot), {
        logger: createLogger({ write: (l) => lines.push(l) }),
        timeoutS: 1,
        onCrash: resolve,
      }).then(() => fetch(`${api!.apiRoot}/bot${api!.token}/setWebhook?url=https://elsewhere.example.org/hook`));
    });
    expect(String(await crashed)).toMatch(
      /^GrammyError: Call to 'getUpdates' failed! \(409: Conflict: can't use getUpdates method while webhook is active/,
    );
    expect(lines.filter((l) => / ERROR /.test(l)).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'ERROR polling stopped: a webhook was set for this bot while it polled (409 Conflict), so another instance runs in webhook mode: ' +
        'stop it, or run this one in webhook mode too (WEBHOOK_URL, WEBHOOK_SECRET)',
    ]);
  });
});
