/**
 * One bot replica as production runs it: `src/main.ts` in a child process, in webhook mode on a
 * free port of 127.0.0.1, with a clean environment (a .env in the project folder cannot change the
 * run). Updates are posted to its webhook path with the secret header, as Telegram (or a balancer)
 * would. Used by the multi-replica tests and the replica benchmark.
 * ```ts
 * const a = await startReplica({ name: 'A', env: { BOT_TOKEN, TELEGRAM_API_ROOT, INDEX_DIR, DATA_DIR, REDIS_URL } });
 * expect(await a.post(api.takeUpdate(api.sendText({ chatId: 5, text: 'hi' })))).toBe(200);
 * await a.stop();
 * ```
 */
import type { ChildProcess } from 'node:child_process';
import type { Update } from 'grammy/types';
import { spawnMain } from './main-process.js';
import { freePort } from './redis.js';

/** Start-up of a replica (tsx, loading the index) on a busy 2-core machine. */
export const REPLICA_START_TIMEOUT_MS = 30_000;
/** One webhook POST: the replica answers once the update is handled (its own cap is 9 s). */
export const POST_TIMEOUT_MS = 12_000;
/** A SIGTERM'd replica must have exited within this. */
export const REPLICA_STOP_TIMEOUT_MS = 15_000;
/** The webhook URL every replica registers (Telegram would post to it; the tests post to each replica's port). */
export const WEBHOOK_URL = 'https://bot.example.org/tg/hook';
/** The one secret all replicas share. */
export const WEBHOOK_SECRET = 'replica-secret-0123456789abcdef';

export interface Replica {
  name: string;
  port: number;
  proc: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Posts an update to its webhook with the secret header; resolves with the HTTP status (rejects when it cannot be reached). */
  post(update: Update): Promise<number>;
  /** SIGTERM and wait for the exit (SIGKILL after REPLICA_STOP_TIMEOUT_MS). Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a replica in webhook mode and waits until it says it is answering (LOG_LEVEL must let
 * info lines through).
 * @throws when it exits or does not get there within REPLICA_START_TIMEOUT_MS (with its output).
 */
export async function startReplica(options: { name: string; env: Record<string, string> }): Promise<Replica> {
  const port = await freePort();
  const child = spawnMain({ WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PORT: String(port), ...options.env });
  let stopping: Promise<void> | undefined;
  const replica: Replica = {
    name: options.name,
    port,
    ...child,
    post: async (update) =>
      (
        await fetch(`http://127.0.0.1:${port}${new URL(WEBHOOK_URL).pathname}`, {
          method: 'POST',
          body: JSON.stringify(update),
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        })
      ).status,
    stop: () =>
      (stopping ??= (async () => {
        if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
        child.proc.kill('SIGTERM');
        const timer = setTimeout(() => child.proc.kill('SIGKILL'), REPLICA_STOP_TIMEOUT_MS);
        await child.exited;
        clearTimeout(timer);
      })()),
  };
  const started = new RegExp(`is answering \\(webhook on port ${port}\\)`);
  const deadline = Date.now() + REPLICA_START_TIMEOUT_MS;
  while (!started.test(child.output())) {
    if (child.proc.exitCode !== null || Date.now() > deadline) {
      const why =
        child.proc.exitCode !== null
          ? `exited with code ${child.proc.exitCode}`
          : `did not start within REPLICA_START_TIMEOUT_MS (${REPLICA_START_TIMEOUT_MS} ms)`;
      await replica.stop();
      throw new Error(`replica ${options.name} ${why}; its output:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return replica;
}
