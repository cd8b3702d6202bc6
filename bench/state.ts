/**
 * The state store benchmark of issue 10, runnable alone (`npx tsx bench/state.ts [--quick] [--no-crash]`)
 * and from `npm run bench`:
 * - 10,000 users press a /lang button at once through the real bot process (`node dist/main.js`,
 *   production throttle, embedded store; the fake Bot API and the driver in this process) while
 *   other users ask questions: time until every choice is stored, the bot process's peak RSS, the
 *   other users' reply time p95;
 * - one write with 1,000,000 stored users, and opening that store (start-up);
 * - the crash trial: 5 bursts × 50 questions, kill -9 at 5 points, 100 ms Bot API latency.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeUserSessions } from '../src/bot/session.js';
import { runEntry } from '../src/entry.js';
import { log } from '../src/log.js';
import { loadRetrievalConfig, PROJECT_ROOT } from '../src/config.js';
import type { ArticleService } from '../src/retrieval/types.js';
import { openService } from '../src/setup.js';
import { openEmbeddedStore } from '../src/state/embedded.js';
import { runCrashTrial, type TrialResult } from '../test/reliability/crash-trial.js';
import { percentile } from '../test/reliability/model.js';
import { benchLangPresses, DURING_EVERY_MS } from './lang-burst.js';

export { benchLangPresses } from './lang-burst.js';

export interface StateBenchResult {
  langPress: {
    users: number;
    /** Until every press was answered (its choice stored before): the worse of the two runs. */
    allStoredMs: number;
    /** The bot process's peak RSS (VmHWM): the worse of the two runs. */
    peakRssMB: number;
    /** When Telegram's queue was drained: every update fetched and confirmed. */
    allConfirmedMs: number;
    /** CPU time the bot process used until every press was answered (all its threads): what the burst costs, whatever else runs. */
    botCpuMs: number;
    /** Questions pushed among the presses (behind up to 10,000 of them in Telegram's queue). */
    othersP95Ms: number;
    othersAnswered: number;
    /** Questions sent one every 50 ms once the presses are fetched, until they are handled (another run). */
    duringP95Ms: number;
    duringAnswered: number;
    duringAsked: number;
  };
  million: { users: number; fillSeconds: number; writeMs: number; openMs: number };
  crash?: TrialResult;
}

/** A store holding `users` user sessions: the time of one more write (median of 21) and of opening it. */
export async function benchMillion(users = 1_000_000) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-state-million-'));
  try {
    let store = await openEmbeddedStore(dir);
    let sessions = storeUserSessions(store);
    const fillStart = Date.now();
    for (let from = 0; from < users; from += 10_000) {
      await Promise.all(Array.from({ length: Math.min(10_000, users - from) }, (_, i) => sessions.write(String(from + i), { lang: 'ru' })));
    }
    const fillSeconds = (Date.now() - fillStart) / 1000;
    const writes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      await sessions.write(String(i * 4999), { lang: i % 2 ? 'kk' : 'en' });
      writes.push(performance.now() - t);
    }
    await store.close();
    const t = performance.now();
    store = await openEmbeddedStore(dir);
    sessions = storeUserSessions(store);
    await sessions.read('777');
    const openMs = performance.now() - t;
    await store.close();
    return { users, fillSeconds, writeMs: round(percentile(writes, 50)), openMs: round(openMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything above, with a lexical index built in a temp folder. */
export async function benchState(
  options: { quick?: boolean; crash?: boolean; service?: ArticleService; indexDir?: string } = {},
): Promise<StateBenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'bench-state-index-'));
  try {
    const indexDir = options.indexDir ?? join(root, 'article');
    const service =
      options.service ??
      (await openService({ ...loadRetrievalConfig({ EMBEDDER: 'lexical' }), indexDir }, { log: () => undefined })).service;
    log('state: 10,000 users press a /lang button at once …');
    // the bot as production runs it (`npm start`: node dist/main.js), built first when src/ changed
    const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building dist/ failed (see above)');
    const langPress = await benchLangPresses(indexDir, options.quick ? 2000 : 10_000, 100, { built: true });
    log(`state: 1,000,000 stored users${options.quick ? ' (quick: 100,000)' : ''} …`);
    const million = await benchMillion(options.quick ? 100_000 : 1_000_000);
    let crash: TrialResult | undefined;
    if (options.crash !== false) {
      log('state: crash trial, 5 × 50 questions, kill -9 at 5 points, 100 ms latency …');
      crash = await runCrashTrial({
        service,
        indexDir,
        latencyMs: 100,
        kills: [150, 300, 450, 600, 750].map((afterMs) => ({ signal: 'SIGKILL' as const, afterMs })),
      });
    }
    return { langPress, million, crash };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The figures as lines, with the targets of issue 10. */
export function formatState(r: StateBenchResult): string {
  const { langPress: l, million: m, crash: c } = r;
  return [
    `${l.users} users set their language at once: all stored in ${l.allStoredMs} ms (target ≤ 5000; all fetched and confirmed after ` +
      `${l.allConfirmedMs} ms; the bot process used ${l.botCpuMs} ms of CPU), peak RSS ${l.peakRssMB} MB (≤ 300)`,
    `  other users' p95 (≤ 100 ms): questions pushed among the presses ${l.othersP95Ms} ms (${l.othersAnswered} answered; bound ` +
      `below by Telegram's 30 messages/s and by their place in its queue), questions sent every ${DURING_EVERY_MS} ms while the ` +
      `presses are handled ${l.duringP95Ms} ms (${l.duringAnswered} of ${l.duringAsked} answered)`,
    `${m.users} stored users (filled in ${m.fillSeconds.toFixed(1)} s): one write ${m.writeMs} ms (≤ 5), open ${m.openMs} ms (≤ 1000)`,
    ...(c
      ? [
          `crash trial: ${c.asked} questions, kill -9 at 5 points, 100 ms latency: lost ${c.lost}, duplicates ${c.duplicates} ` +
            `(targets 0 and 0${c.duplicates ? `; first copies ${Math.min(...c.duplicateOffsetsMs)}…${Math.max(...c.duplicateOffsetsMs)} ms from a kill` : ''}), ` +
            `/lang kept ${c.langKept}; replies at the kills ${c.repliesAtKill.join(', ')}`,
        ]
      : []),
  ].join('\n');
}

const round = (n: number) => Math.round(n * 100) / 100;

runEntry(import.meta.url, async () => {
  const args = process.argv.slice(2);
  const result = await benchState({ quick: args.includes('--quick'), crash: !args.includes('--no-crash') });
  process.stdout.write(`${formatState(result)}\n`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.crash && (result.crash.lost > 0 || result.crash.duplicates > 0) ? 1 : 0;
});
