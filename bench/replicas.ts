/**
 * Replicas benchmark: `src/main.ts` processes in webhook mode against the fake Bot API, updates
 * posted to their webhook ports as a balancer would (round robin), in three set-ups: one replica
 * with the embedded store, one with Redis, two with Redis sharing it. Figures: updates per second
 * over the whole batch and the p95 of one webhook request (posted → the update is handled and
 * answered). Runnable alone: `npx tsx bench/replicas.ts [--updates 300]`; part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEntry } from '../src/entry.js';
import { log } from '../src/log.js';
import { loadRetrievalConfig } from '../src/config.js';
import { openService } from '../src/setup.js';
import { startFakeBotApi, type FakeBotApi } from '../test/support/fake-bot-api.js';
import { startRedis, type RedisServer } from '../test/support/redis.js';
import { startReplica, type Replica } from '../test/support/replica.js';
import { QUESTIONS, TOKEN } from '../test/reliability/model.js';
import { percentiles } from './quality.js';

export interface ReplicaBenchOptions {
  /** Updates posted per set-up (after a warm-up of 2 per replica). Defaults to 300. */
  updates?: number;
  /** Private chats they come from, round robin. Defaults to 30. */
  users?: number;
  /** Webhook requests in flight at once (Telegram keeps up to 40 per bot). Defaults to 16. */
  concurrency?: number;
  /** Bot API latency of the fake, ms (Telegram is some tens of ms away). Defaults to 20. */
  apiLatencyMs?: number;
  /** A lexical index to use; defaults to one built now in a temp folder. */
  indexDir?: string;
}

export interface ReplicaBenchRow {
  setup: string;
  replicas: number;
  store: 'embedded' | 'redis';
  updatesPerSec: number;
  p50Ms: number;
  p95Ms: number;
  /** Requests that got HTTP 200 (the rest failed). */
  ok: number;
  updates: number;
}

/**
 * Runs the three set-ups one after another (never two at once on the same cores) and returns a
 * row for each.
 * ```ts
 * const rows = await benchReplicas({ updates: 300 });
 * ```
 */
export async function benchReplicas(options: ReplicaBenchOptions = {}): Promise<ReplicaBenchRow[]> {
  const { updates = 300, users = 30, concurrency = 16, apiLatencyMs = 20 } = options;
  const temps: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
    temps.push(d);
    return d;
  };
  let redis: RedisServer | undefined;
  try {
    const indexDir = options.indexDir ?? join(temp(), 'article');
    if (!options.indexDir) await openService(loadRetrievalConfig({ EMBEDDER: 'lexical', INDEX_DIR: indexDir }), { log: () => undefined });
    redis = await startRedis();
    const setups = [
      { setup: '1 replica, embedded store', replicas: 1, store: 'embedded' as const },
      { setup: '1 replica, Redis', replicas: 1, store: 'redis' as const },
      { setup: '2 replicas, one Redis', replicas: 2, store: 'redis' as const },
    ];
    const rows: ReplicaBenchRow[] = [];
    for (const s of setups) {
      // a fresh fake numbers its updates from 1 again: an empty Redis, or they count as handled already
      await redis.stop();
      await redis.start();
      const api = await startFakeBotApi({ token: TOKEN });
      const started: Replica[] = [];
      try {
        const env = {
          BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.apiRoot,
          INDEX_DIR: indexDir,
          RATE_LIMIT_MAX: '1000',
          ...(s.store === 'redis' ? { REDIS_URL: redis.url } : {}),
        };
        started.push(
          ...(await Promise.all(
            Array.from({ length: s.replicas }, (_, i) => startReplica({ name: String(i), env: { ...env, DATA_DIR: temp() } })),
          )),
        );
        api.setLatency(apiLatencyMs);
        await postAll(api, started, 2 * started.length, users, concurrency, 900_000); // warm-up, other chats
        const { times, ok, elapsedMs } = await postAll(api, started, updates, users, concurrency, 100_000);
        const replies = api.calls.filter(
          (c) => c.method === 'sendMessage' && Number(c.params.chat_id) >= 100_000 && Number(c.params.chat_id) < 100_000 + users,
        ).length;
        if (replies < updates) throw new Error(`${s.setup}: ${replies} replies to ${updates} questions: some were not answered`);
        const { p50, p95 } = percentiles(times);
        rows.push({
          ...s,
          updatesPerSec: Math.round((updates / elapsedMs) * 1000 * 10) / 10,
          p50Ms: Math.round(p50),
          p95Ms: Math.round(p95),
          ok,
          updates,
        });
        log(`replicas: ${formatRow(rows[rows.length - 1])}`);
      } finally {
        await Promise.all(started.map((r) => r.stop()));
        await api.close();
      }
    }
    return rows;
  } finally {
    await redis?.close();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  }
}

/** Posts `count` questions, round robin over the replicas, `concurrency` at a time; each request timed. */
async function postAll(api: FakeBotApi, replicas: Replica[], count: number, users: number, concurrency: number, firstChat: number) {
  const times: number[] = [];
  let next = 0;
  let ok = 0;
  const start = Date.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const update = api.takeUpdate(api.sendText({ chatId: firstChat + (i % users), text: QUESTIONS[i % QUESTIONS.length] }));
      const t = Date.now();
      const status = await replicas[i % replicas.length].post(update).catch(() => 0);
      times.push(Date.now() - t);
      if (status === 200) ok += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { times, ok, elapsedMs: Math.max(1, Date.now() - start) };
}

export const formatRow = (r: ReplicaBenchRow) =>
  `${r.setup}: ${r.updatesPerSec} updates/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms (${r.ok}/${r.updates} answered 200)`;

/** The README table. */
export function formatReplicas(rows: ReplicaBenchRow[], options: { concurrency?: number; apiLatencyMs?: number } = {}): string {
  const { concurrency = 16, apiLatencyMs = 20 } = options;
  return [
    `Webhook replicas (\`src/main.ts\` processes, ${rows[0]?.updates ?? 0} questions from 30 chats, ${concurrency} requests in flight, ` +
      `Bot API latency ${apiLatencyMs} ms):`,
    '',
    '| set-up | updates/s | p50 (ms) | p95 (ms) | answered |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.setup} | ${r.updatesPerSec} | ${r.p50Ms} | ${r.p95Ms} | ${r.ok}/${r.updates} |`),
  ].join('\n');
}

runEntry(import.meta.url, async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--updates');
  const updates = at >= 0 ? Number(args[at + 1]) : 300;
  if (!Number.isInteger(updates) || updates < 1) throw new Error('--updates must be a whole number ≥ 1');
  const rows = await benchReplicas({ updates });
  process.stdout.write(`${formatReplicas(rows)}\n`);
  return 0;
});
