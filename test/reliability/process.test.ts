/**
 * Process faults: stopping while updates are in flight (in-process and `src/main.ts` as a child
 * process getting SIGTERM during a burst), a crash in the middle of building the index, and a
 * corrupt or truncated index file found at start-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnMain as spawnMainProcess, type MainProcess } from '../support/main-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadRetrievalConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { IndexError } from '../../src/errors.js';
import { buildIndex, loadIndex, readMeta } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';
import { openService } from '../../src/setup.js';
import {
  allAnswered,
  expectCleanRun,
  expectedReply,
  openRealService,
  pause,
  QUESTIONS,
  spyService,
  startApi,
  startBot,
  textsTo,
  TOKEN,
  TOKEN_SECRET,
  until,
  type Api,
  type BotOptions,
  type BotRun,
  type RealService,
} from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_LONG_TIMEOUT_MS = 30_000;
/** A burst of 30 updates, a SIGTERM in the middle and a second start of src/main.ts. */
const BURST_RESTART_TIMEOUT_MS = 40_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const settings = loadRetrievalConfig({ EMBEDDER: 'lexical' });
const corpus = loadCorpus(settings.corpusDir);
const embedder = createLexicalEmbedder(corpus.glossary);
const expectIndex = { corpusHash: corpus.hash, embedder };

/** A test that starts the bot or a process, on a busy 2-core machine (the default 5 s is too short under load). */
const PROCESS_TEST_TIMEOUT_MS = 20_000;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

type Finished = (fn: () => Promise<void>) => void;

/** What one test starts: all of it is stopped and removed when the test ends (the tests run concurrently). */
class Scope {
  private readonly cleanups: Array<() => unknown> = [];
  constructor(onTestFinished: Finished) {
    onTestFinished(async () => {
      for (const clean of this.cleanups.reverse()) await clean();
    });
  }
  /** A new temp folder. */
  temp(): string {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-process-'));
    this.cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  async api(): Promise<Api> {
    const api = await startApi();
    this.cleanups.push(() => api.close());
    return api;
  }
  async bot(options: BotOptions): Promise<BotRun> {
    const run = await startBot(options);
    this.cleanups.push(() => run.close());
    return run;
  }
  /** Kills `proc` with SIGKILL at the end of the test if it is still running. */
  track(proc: ChildProcess): ChildProcess {
    this.cleanups.push(() => {
      if (proc.exitCode !== null || proc.signalCode !== null) return undefined;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      return exited;
    });
    return proc;
  }
}

/** `node --import tsx src/main.ts` with a clean environment pointing at the fake Bot API and temp folders. */
/** src/main.ts (test/support/main-process.ts) with debug logs, killed with the test's scope. */
function spawnMain(scope: Scope, env: Record<string, string>): MainProcess {
  const child = spawnMainProcess({ LOG_LEVEL: 'debug', ...env });
  scope.track(child.proc);
  return child;
}
const botEnv = (a: Api, indexDir: string, dataDir: string) => ({
  BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: a.apiRoot,
  INDEX_DIR: indexDir,
  DATA_DIR: dataDir,
});
const ready = (c: MainProcess) =>
  until(() => /is answering \(long polling\)/.test(c.output()), `the bot to start; output so far:\n${c.output()}`, 20_000);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, sha(join(dir, f))]),
  );

describe.concurrent('stopping with updates in flight', { timeout: PROCESS_TEST_LONG_TIMEOUT_MS }, () => {
  it(
    'RunningBot.stop() waits for the updates in progress before it resolves',
    async ({ onTestFinished }) => {
      const scope = new Scope(onTestFinished);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const service = spyService(real.service, () => gate);
      const run = await scope.bot({ service });
      try {
        const [question] = QUESTIONS;
        const expected = await expectedReply(real.service, question);
        const updateId = run.api.sendText({ chatId: 6001, text: question });
        await until(() => service.asked.length === 1, 'the question to reach the service');
        let stopped = false;
        const stopping = run.stopBot().then(() => {
          stopped = true;
        });
        await pause(300);
        expect([stopped, textsTo(run.api, 6001)]).toEqual([false, []]);
        release();
        await stopping;
        // the runner confirms an update when it polls for the next ones, before it is answered:
        // it is answered because stop() waited, not because Telegram would send it again
        expect([textsTo(run.api, 6001), run.api.confirmedUpdateIds()]).toEqual([expected, [updateId]]);
        expectCleanRun(run.api, run.logs);
      } finally {
        release();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'answers each of 30 updates exactly once when src/main.ts gets SIGTERM in the middle of a burst and is started again',
    async ({ onTestFinished }) => {
      const scope = new Scope(onTestFinished);
      const root = scope.temp();
      const api = await scope.api();
      const env = botEnv(api, real.indexDir, join(root, 'data'));
      const first = spawnMain(scope, env);
      await ready(first);
      // 6 chats × 5 questions: each chat's questions are answered one after another
      const chats = [7001, 7002, 7003, 7004, 7005, 7006];
      const plan = await Promise.all(
        chats.map(async (chatId, c) => {
          const questions = [0, 1, 2, 3, 4].map((k) => QUESTIONS[(c * 3 + k) % QUESTIONS.length]);
          return { chatId, questions, expected: (await Promise.all(questions.map((q) => expectedReply(real.service, q)))).flat() };
        }),
      );
      // Telegram slows the bot down: the first three replies must wait 3 s, and the four later
      // questions of those chats wait behind them; SIGTERM comes in the middle of that
      api.failNext('sendMessage', { kind: '429', retryAfter: 3 }, 3);
      const ids = plan.flatMap((p) => p.questions.map((text) => api.sendText({ chatId: p.chatId, text })));
      await until(() => api.faulted('sendMessage').length === 3, 'the refused replies');
      const stoppedAt = Date.now();
      first.proc.kill('SIGTERM');
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(2500); // it waited for the retries
      expect(first.output()).toMatch(/INFO SIGTERM: stopping\n[\s\S]*INFO stopped\n$/);

      const second = spawnMain(scope, env);
      await ready(second);
      // one more question after the restart (its answer also shows the new process is past start-up:
      // main installs its SIGTERM handler just after logging "is answering")
      const late = { chatId: 7007, question: QUESTIONS[5], expected: await expectedReply(real.service, QUESTIONS[5]) };
      ids.push(api.sendText({ chatId: late.chatId, text: late.question }));
      await allAnswered(api, [...plan, late], 15_000);
      await until(() => ids.every((id) => api.confirmedUpdateIds().includes(id)), 'every update confirmed');
      second.proc.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });

      for (const p of [...plan, late]) expect(textsTo(api, p.chatId), `chat ${p.chatId}`).toEqual(p.expected);
      expect(api.faulted('sendMessage')).toHaveLength(3);
      expect(api.confirmedUpdateIds().filter((id) => ids.includes(id))).toEqual(ids);
      for (const out of [first.output(), second.output()]) {
        expect(out).not.toContain(TOKEN_SECRET);
        expect(out).not.toMatch(/ ERROR /);
      }
      expectCleanRun(api, []);
    },
    BURST_RESTART_TIMEOUT_MS,
  );
});

describe.concurrent('a crash while the index is built', { timeout: PROCESS_TEST_LONG_TIMEOUT_MS }, () => {
  it('leaves the previous index intact and loadable when writing the new one fails half-way', async ({ onTestFinished }) => {
    const dir = join(new Scope(onTestFinished).temp(), 'article');
    const chunks = chunkSections(corpus.sections);
    const meta = await buildIndex(chunks, embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
    const before = files(dir);
    // vectors.hnsw is written into the temp folder, then chunks.json fails to serialise
    const poisoned = chunks.map((c, i) =>
      i === 100
        ? {
            ...c,
            toJSON: () => {
              throw new Error('ENOSPC: no space left on device');
            },
          }
        : c,
    );
    await expect(buildIndex(poisoned, embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } })).rejects.toThrow(
      'ENOSPC: no space left on device',
    );
    expect(readdirSync(dirname(dir))).toEqual(['article']);
    expect(files(dir)).toEqual(before);
    expect(loadIndex(dir, expectIndex).meta).toEqual(meta);
  });

  it(
    'leaves the previous index intact when `npm run build:index` is killed with SIGKILL while it writes',
    async ({ onTestFinished }) => {
      const scope = new Scope(onTestFinished);
      const root = scope.temp();
      const dir = join(root, 'article');
      const meta = await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
      const before = files(dir);
      const proc = scope.track(
        spawn(process.execPath, ['--import', 'tsx', '--import', './test/reliability/kill-mid-write.mjs', 'src/cli/build.ts'], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), EMBEDDER: 'lexical', INDEX_DIR: dir, CORPUS_DIR: '' },
          stdio: 'ignore',
        }),
      );
      const exited = await new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
      expect(exited).toBe('SIGKILL');
      // killed half-way: the temporary folder holds vectors.hnsw only; the index itself is untouched and loads
      const [index, tmp, ...rest] = readdirSync(root).sort();
      expect([index, tmp.replace(/\d+-\d+$/, 'PID-TIME'), rest]).toEqual(['article', 'article.tmp-PID-TIME', []]);
      expect(readdirSync(join(root, tmp))).toEqual(['vectors.hnsw']);
      expect(files(dir)).toEqual(before);
      expect(loadIndex(dir, expectIndex).meta).toEqual(meta);
      // and the next build replaces it, removing the half-written folder of the killed one
      const next = await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
      expect(loadIndex(dir, expectIndex).meta).toEqual(next);
      expect(readdirSync(root)).toEqual(['article']);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

describe.concurrent('a corrupt index at start-up', { timeout: PROCESS_TEST_LONG_TIMEOUT_MS }, () => {
  /** Builds a fresh index in a temp folder, damages it, opens the service and returns what it logged. */
  async function openDamaged(dir: string, damage: (dir: string) => void, rebuild: 'auto' | 'never' = 'auto') {
    await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
    damage(dir);
    const lines: string[] = [];
    const opened = await openService({ ...settings, indexDir: dir }, { log: (l) => lines.push(l), rebuild });
    return { dir, lines, opened };
  }

  const cases: Array<[string, (dir: string) => void, string]> = [
    ['a truncated vectors.hnsw', (d) => truncateSync(join(d, 'vectors.hnsw'), 1000), 'has a damaged or truncated vectors.hnsw'],
    ['a missing vectors.hnsw', (d) => rmSync(join(d, 'vectors.hnsw')), 'is missing vectors.hnsw or has an unreadable chunks.json'],
    [
      'garbage chunks.json',
      (d) => writeFileSync(join(d, 'chunks.json'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b])),
      'is missing vectors.hnsw or has an unreadable chunks.json',
    ],
    [
      'a truncated chunks.json',
      (d) => truncateSync(join(d, 'chunks.json'), 5000),
      'is missing vectors.hnsw or has an unreadable chunks.json',
    ],
    [
      'a chunks.json with other chunks',
      (d) => writeFileSync(join(d, 'chunks.json'), '[]'),
      'has chunks.json that does not match meta.json',
    ],
    [
      'a chunks.json of the right length holding no chunks',
      (d) => writeFileSync(join(d, 'chunks.json'), JSON.stringify(Array(readMeta(d).chunkCount).fill(null))),
      'has chunks.json that does not match meta.json',
    ],
    ['garbage meta.json', (d) => writeFileSync(join(d, 'meta.json'), '{"formatVersion": 1, "embedd'), 'has an unreadable meta.json'],
  ];
  for (const [name, damage, detail] of cases) {
    it(`says "${detail}" for ${name}, rebuilds it and answers`, async ({ onTestFinished }) => {
      const { dir, lines, opened } = await openDamaged(join(new Scope(onTestFinished).temp(), 'article'), damage);
      expect(lines).toEqual([`index at ${dir} ${detail}: rebuilding it now`]);
      expect(opened.rebuilt).toBe(true);
      expect(loadIndex(dir, expectIndex).meta.chunkCount).toBe(opened.meta.chunkCount);
      expect(await opened.service.ask(QUESTIONS[0])).toEqual(await real.service.ask(QUESTIONS[0]));
    });
  }

  it('refuses a damaged index with the fix in the message when rebuilding is off', async ({ onTestFinished }) => {
    const dir = join(new Scope(onTestFinished).temp(), 'article');
    const err = await openDamaged(dir, (d) => truncateSync(join(d, 'vectors.hnsw'), 10), 'never').catch((e) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect(err.kind).toBe('corrupt');
    expect(err.message).toBe(`index at ${dir} has a damaged or truncated vectors.hnsw: run \`npm run build:index\` with INDEX_DIR=${dir}`);
  });

  it(
    'src/main.ts finds a truncated vectors.hnsw, says so, rebuilds it and answers',
    async ({ onTestFinished }) => {
      const scope = new Scope(onTestFinished);
      const root = scope.temp();
      const dir = join(root, 'index', 'article');
      mkdirSync(dirname(dir), { recursive: true });
      await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
      truncateSync(join(dir, 'vectors.hnsw'), 4096);
      const api = await scope.api();
      const child = spawnMain(scope, botEnv(api, dir, join(root, 'data')));
      await ready(child);
      expect(child.output()).toContain(`INFO index at ${dir} has a damaged or truncated vectors.hnsw: rebuilding it now\n`);
      expect(child.output()).toContain('INFO article index: lexical-v1 embedder (rebuilt now)\n');
      const [question] = QUESTIONS;
      api.sendText({ chatId: 8001, text: question });
      const expected = await expectedReply(real.service, question);
      await until(() => textsTo(api!, 8001).length === expected.length, 'the answer');
      expect(textsTo(api, 8001)).toEqual(expected);
      child.proc.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: 0, signal: null });
      expect(readMeta(dir).vectorsSha256).toBe(sha(join(dir, 'vectors.hnsw')));
      expect(child.output()).not.toMatch(/\n\s+at \S| ERROR /);
      expect(child.output()).not.toContain(TOKEN_SECRET);
    },
    PROCESS_TEST_LONG_TIMEOUT_MS,
  );
});
