/**
 * What one abusive user costs everyone else: the rate limiter's time per hit with 50,000 users in
 * their windows; another user's answer time while one user sends 5,000 inline queries; a 50 MB
 * webhook POST carrying the right secret (time to its answer, and the bot's peak RSS).
 * ```sh
 * npx tsx bench/abuse.ts
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { createBot } from '../src/bot/bot.js';
import type { SessionData } from '../src/bot/context.js';
import { createLogger } from '../src/log.js';
import { createRateLimiter } from '../src/bot/rate-limit.js';
import { startPolling, startWebhook } from '../src/bot/run.js';
import { loadRetrievalConfig } from '../src/config.js';
import { openService } from '../src/setup.js';
import { startFakeBotApi } from '../test/support/fake-bot-api.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function limiterPerHit(users: number): number {
  let now = 0;
  const limiter = createRateLimiter({ max: 8, windowMs: 20_000, now: () => now });
  for (let i = 0; i < users; i++) limiter.hit(`u${i}`);
  const started = performance.now();
  const hits = 100_000;
  for (let i = 0; i < hits; i++) {
    now += 0.01;
    limiter.hit(`u${i % users}`);
  }
  return ((performance.now() - started) / hits) * 1000;
}

const memory = () => ({
  read: (k: string) => sessions.get(k),
  write: (k: string, v: SessionData) => {
    sessions.set(k, v);
  },
  delete: (k: string) => {
    sessions.delete(k);
  },
});
const sessions = new Map<string, SessionData>();
const logger = createLogger({ level: 'silent' });

out(`rate limiter: ${limiterPerHit(10).toFixed(2)} µs/hit with 10 users, ${limiterPerHit(50_000).toFixed(2)} µs/hit with 50,000`);

const root = mkdtempSync(join(tmpdir(), 'bench-abuse-'));
try {
  const { service } = await openService(
    { ...loadRetrievalConfig({ EMBEDDER: 'lexical' }), indexDir: join(root, 'article') },
    { log: () => {} },
  );
  const api = await startFakeBotApi();
  const storage: StorageAdapter<SessionData> = memory();
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, service, storage, logger });
  const running = await startPolling(bot, { logger, timeoutS: 1 });
  // alone first, then behind 5,000 inline queries of one user
  for (const [label, flood] of [
    ['alone', 0],
    ['behind 5,000 inline queries of another user', 5000],
  ] as const) {
    for (let i = 0; i < flood; i++) api.inlineQuery({ userId: 501, query: `risk-based approach ${i}` });
    const chatId = 600 + flood;
    const reply = api.waitForCalls('sendMessage', 1, { filter: (p) => Number(p.chat_id) === chatId, timeoutMs: 120_000 });
    const asked = Date.now();
    api.sendText({ chatId, text: 'What is the risk-based approach?' });
    const [call] = await reply;
    out(
      `inline flood: a question answered in ${call.at - asked} ms ${label}; ` +
        `${api.calls.filter((c) => c.method === 'answerInlineQuery').length} inline queries answered`,
    );
  }
  await running.stop();
  await api.close();

  const hookApi = await startFakeBotApi();
  const hookBot = createBot({ token: hookApi.token, apiRoot: hookApi.apiRoot, service, storage, logger });
  const secret = 'bench-secret-0123456789abcdef';
  const hook = await startWebhook(hookBot, { url: 'https://bot.example.org/hook', port: 0, secret, logger });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = Date.now();
  const status = await new Promise<number | string>((resolve) => {
    const req = http.request(
      `http://127.0.0.1:${hook.port}/hook`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? 'error'));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 50) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('{"update_id":1,"pad":"');
    pump();
  });
  clearInterval(sampler);
  out(
    `webhook: a 50 MB POST with the secret answered ${status} in ${Date.now() - started} ms; RSS grew by at most ` +
      `${Math.round((peak - rssBefore) / 2 ** 20)} MB`,
  );
  await hook.stop();
  await hookApi.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
