/**
 * Telegram pushing back, for the reliability test and `bench/pushback.ts` (no vitest here): a proxy
 * on 127.0.0.1 in front of the fake Bot API fails sendMessage calls the way Telegram does, the real
 * bot (createBot + startPolling) answers one question in each of `chats` chats through it, and the
 * sendMessage calls that went through are compared per chat with the reference reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StorageAdapter } from 'grammy';
import { createBot } from '../../src/bot/bot.js';
import type { SessionData } from '../../src/bot/context.js';
import { createLogger } from '../../src/log.js';
import { htmlToText } from '../../src/bot/rejected.js';
import { startPolling } from '../../src/bot/run.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { startFakeBotApi } from '../support/fake-bot-api.js';
import { BOT_USERNAME, expectedReply, QUESTIONS, TOKEN } from './model.js';

export const SCENARIOS = [
  '429 retry_after=1 on every 2nd sendMessage',
  '502 on every 2nd sendMessage',
  'one flood wait',
  "400 can't parse entities",
  '400 message is too long',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface PushbackOptions {
  service: ArticleService;
  scenario: Scenario;
  /** One question per chat. */
  chats: number;
  /** Length of the flood wait (every sendMessage meanwhile gets 429 with the seconds left). Defaults to 40. */
  floodS?: number;
  /** Visible characters above which the proxy answers "message is too long". Defaults to 1000. */
  tooLongAt?: number;
  /** Gives up waiting for the replies after this long. Defaults to 120 000 ms. */
  timeoutMs?: number;
}

export interface PushbackResult {
  scenario: Scenario;
  chats: number;
  /** Chats whose whole reply arrived exactly once. */
  delivered: number;
  /** Chats with part of their reply (or all of it) missing. */
  lost: number;
  /** Chats with a part delivered more than once. */
  duplicated: number;
  /** sendMessage calls the proxy failed on purpose. */
  refused: number;
  elapsedMs: number;
  /** Log lines of level warn and up. */
  logs: string[];
}

interface Sent {
  chatId: number;
  text: string;
  html: boolean;
}

/** Runs one scenario against the real bot; resolves once every chat has its reply or `timeoutMs` passed. */
export async function runPushback(options: PushbackOptions): Promise<PushbackResult> {
  const { service, scenario, chats, floodS = 40, tooLongAt = 1000, timeoutMs = 120_000 } = options;
  const api = await startFakeBotApi({ token: TOKEN, botUsername: BOT_USERNAME });
  const sent: Sent[] = [];
  let refused = 0;
  let calls = 0;
  let floodUntil: number | undefined;
  const fault = (p: Record<string, unknown>): { status: number; description: string; retryAfter?: number } | undefined => {
    calls += 1;
    const text = String(p.text ?? '');
    if (scenario === SCENARIOS[0] && calls % 2 === 0)
      return { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 };
    if (scenario === SCENARIOS[1] && calls % 2 === 0) return { status: 502, description: 'Bad Gateway' };
    if (scenario === SCENARIOS[2]) {
      floodUntil ??= Date.now() + floodS * 1000;
      const left = Math.ceil((floodUntil - Date.now()) / 1000);
      if (left > 0) return { status: 429, description: `Too Many Requests: retry after ${left}`, retryAfter: left };
    }
    if (scenario === SCENARIOS[3] && p.parse_mode === 'HTML')
      return { status: 400, description: 'Bad Request: can\'t parse entities: Unsupported start tag "blockquote" at byte offset 42' };
    if (scenario === SCENARIOS[4] && (p.parse_mode === 'HTML' ? htmlToText(text) : text).length > tooLongAt)
      return { status: 400, description: 'Bad Request: message is too long' };
    return undefined;
  };
  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const isSend = /\/sendMessage$/i.test(req.url ?? '');
    const params = isSend && body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    const f = isSend ? fault(params) : undefined;
    if (f) {
      refused += 1;
      res.writeHead(f.status, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          ok: false,
          error_code: f.status,
          description: f.description,
          ...(f.retryAfter ? { parameters: { retry_after: f.retryAfter } } : {}),
        }),
      );
      return;
    }
    try {
      const upstream = await fetch(`${api.apiRoot}${req.url}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: body.length ? body : undefined,
      });
      const answer = await upstream.text();
      if (isSend && upstream.ok)
        sent.push({ chatId: Number(params.chat_id), text: String(params.text), html: params.parse_mode === 'HTML' });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(answer);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const apiRoot = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const logs: string[] = [];
  const sessions = new Map<string, SessionData>();
  const storage: StorageAdapter<SessionData> = {
    read: (k) => sessions.get(k),
    write: (k, v) => {
      sessions.set(k, v);
    },
    delete: (k) => {
      sessions.delete(k);
    },
  };
  const logger = createLogger({ level: 'warn', write: (line) => logs.push(line) });
  const bot = createBot({
    token: TOKEN,
    apiRoot,
    service,
    storage,
    logger,
    rateLimit: { max: 100, windowS: 20 },
    retry: { maxWaitMs: 60_000 },
  });
  const running = await startPolling(bot, { logger, timeoutS: 1 });
  const started = Date.now();
  try {
    const plan = await Promise.all(
      Array.from({ length: chats }, async (_, i) => {
        const question = QUESTIONS[i % QUESTIONS.length];
        return { chatId: 10_001 + i, expected: await expectedReply(service, question), question };
      }),
    );
    for (const p of plan) api.sendText({ chatId: p.chatId, text: p.question });
    const verdict = () =>
      plan.map((p) =>
        judge(
          scenario,
          p.expected,
          sent.filter((s) => s.chatId === p.chatId),
          tooLongAt,
        ),
      );
    const end = Date.now() + timeoutMs;
    while (Date.now() < end && verdict().some((v) => v === 'lost')) await new Promise((r) => setTimeout(r, 50));
    const elapsedMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 300)); // a doubled part would arrive now
    const final = verdict();
    const count = (v: string) => final.filter((x) => x === v).length;
    return { scenario, chats, delivered: count('once'), lost: count('lost'), duplicated: count('duplicated'), refused, elapsedMs, logs };
  } finally {
    await running.stop();
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      proxy.closeAllConnections();
    });
    await api.close();
  }
}

/** Whether the parts sent to one chat are its expected reply exactly once, in the form the scenario leads to. */
function judge(scenario: Scenario, expected: string[], parts: Sent[], tooLongAt: number): 'once' | 'lost' | 'duplicated' {
  const texts = parts.map((p) => p.text);
  let want = expected;
  if (scenario === SCENARIOS[3]) {
    want = expected.map(htmlToText);
    if (parts.some((p) => p.html)) return 'duplicated'; // an HTML part got through where Telegram refused HTML
  }
  if (scenario === SCENARIOS[4]) {
    // split where the proxy said "too long": the same text, every part short enough and valid on its own
    const squash = (xs: string[]) => xs.join('').replace(/\s+/g, '');
    if (parts.some((p) => htmlToText(p.text).length > tooLongAt)) return 'lost';
    const [got, all] = [squash(texts), squash(want)];
    return got === all ? 'once' : got.length > all.length ? 'duplicated' : 'lost';
  }
  if (texts.length > want.length) return 'duplicated';
  return JSON.stringify(texts) === JSON.stringify(want) ? 'once' : 'lost';
}
