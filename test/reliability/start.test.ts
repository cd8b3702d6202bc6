/**
 * The documented start command as a process manager runs it: `npm start` (prestart compiles src/
 * into dist/ when stale, then `exec node dist/main.js`) against the fake Bot API. SIGTERM or SIGINT
 * sent to npm's pid stops the bot cleanly and leaves no process behind; a stop with a sendMessage
 * that never returns ends after STOP_TIMEOUT_S.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_NODE_ARGS } from '../support/main-process.js';
import {
  expectedReply,
  openRealService,
  QUESTIONS,
  startApi,
  textsTo,
  TOKEN,
  TOKEN_SECRET,
  until,
  type Api,
  type RealService,
} from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Compiling src/ on a busy 2-core machine. */
const BUILD_TIMEOUT_MS = 120_000;
/** One start, a question, a stop. */
const RUN_TIMEOUT_MS = 60_000;
/** From the signal to npm's exit when nothing hangs. */
const CLEAN_STOP_MS = 5_000;
const STOP_TIMEOUT_S = 2;

let real: RealService;
const cleanups: Array<() => unknown> = [];
beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  real = await openRealService();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
  real?.dispose();
});

interface Started {
  npm: ChildProcess;
  marker: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` with a clean environment; `marker` (the DATA_DIR) finds every process it started. */
function npmStart(api: Api, env: Record<string, string> = {}): Started {
  const marker = mkdtempSync(join(tmpdir(), 'start-data-'));
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      npm_config_update_notifier: 'false',
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      INDEX_DIR: real.indexDir,
      DATA_DIR: marker,
      EMBEDDER: 'lexical',
      LOG_LEVEL: 'debug',
      WEBHOOK_URL: '',
      WEBHOOK_SECRET: '',
      ALLOW_REMOTE_MODELS: 'false',
      DEBUG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (d) => {
    output += d;
  });
  npm.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(() => {
    for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
    rmSync(marker, { recursive: true, force: true });
  });
  return { npm, marker, output: () => output, exited };
}

/** Pids of the processes whose environment holds `marker` (npm and whatever it started). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(`DATA_DIR=${marker}\0`)) pids.push(Number(name));
    } catch {
      /* ended meanwhile */
    }
  }
  return pids;
}

const command = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean).join(' ');

async function answering(s: Started, api: Api, chatId: number): Promise<void> {
  await until(() => /is answering \(long polling\)/.test(s.output()), `the bot to start; output so far:\n${s.output()}`, 30_000);
  api.sendText({ chatId, text: QUESTIONS[0] });
  const expected = await expectedReply(real.service, QUESTIONS[0]);
  await until(() => textsTo(api, chatId).length >= expected.length, 'the answer', 10_000);
  expect(textsTo(api, chatId)).toEqual(expected);
}

describe('npm start', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(
      `stops the bot cleanly on ${signal} to npm's pid and leaves no process behind`,
      async () => {
        const api = await startApi();
        cleanups.push(() => api.close());
        const s = npmStart(api);
        await answering(s, api, 9501);
        // npm execs nothing itself: its one child is node running dist/main.js (no shell, no tsx in between)
        const others = processesWith(s.marker).filter((pid) => pid !== s.npm.pid);
        expect(others.map(command)).toEqual([['node', ...START_NODE_ARGS, 'dist/main.js'].join(' ')]);
        const sentAt = Date.now();
        s.npm.kill(signal);
        expect(await s.exited).toEqual({ code: 0, signal: null });
        expect(Date.now() - sentAt).toBeLessThan(CLEAN_STOP_MS);
        expect(processesWith(s.marker)).toEqual([]);
        expect(s.output()).toMatch(new RegExp(`INFO ${signal}: stopping\\n(.*\\n)*.*INFO stopped\\n`));
        expect(s.output()).not.toContain(TOKEN_SECRET);
      },
      RUN_TIMEOUT_MS,
    );
  }

  it(
    `exits STOP_TIMEOUT_S after SIGTERM when a sendMessage never returns`,
    async () => {
      const api = await startApi();
      cleanups.push(() => api.close());
      const s = npmStart(api, { STOP_TIMEOUT_S: String(STOP_TIMEOUT_S) });
      await until(() => /is answering \(long polling\)/.test(s.output()), `the bot to start; output so far:\n${s.output()}`, 30_000);
      api.failNext('sendMessage', { kind: 'hang', ms: 120_000 });
      api.sendText({ chatId: 9601, text: QUESTIONS[1] });
      await until(() => api.calls.some((c) => c.method === 'sendMessage'), 'the hanging sendMessage');
      const sentAt = Date.now();
      s.npm.kill('SIGTERM');
      const exit = await s.exited;
      const took = Date.now() - sentAt;
      expect(exit.code).toBe(1);
      expect(took).toBeGreaterThanOrEqual(STOP_TIMEOUT_S * 1000 - 100);
      expect(took).toBeLessThan(STOP_TIMEOUT_S * 1000 + 3000);
      expect(processesWith(s.marker)).toEqual([]);
      expect(s.output()).toContain(
        `WARN work in flight did not finish within STOP_TIMEOUT_S=${STOP_TIMEOUT_S} s: exiting anyway (Telegram sends unconfirmed ` +
          `updates again)\n`,
      );
    },
    RUN_TIMEOUT_MS,
  );
});
