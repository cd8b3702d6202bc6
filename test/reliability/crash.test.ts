/**
 * At-least-once delivery against the real process: `src/main.ts` is killed with SIGKILL (and
 * stopped with SIGTERM) in the middle of 50-question bursts with 100 ms Bot API latency and
 * started again; every question is answered, in order, and a /lang choice the user was told was
 * saved survives the kill. No reply is sent twice: the fake Bot API carries out a request it
 * received whole even when the bot died before the answer came back (as Telegram does), and the
 * restarted bot knows such a reply went out (src/bot/reply-journal.ts).
 * `npx tsx bench/state.ts` runs the full 5 × 50 trial.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashTrial } from './crash-trial.js';
import { openRealService, type RealService } from './support.js';

/** Three bursts, three restarts of the child process on a busy 2-core machine. */
const TRIAL_TIMEOUT_MS = 90_000;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

describe('kill -9 in the middle of a burst', () => {
  it(
    'loses no question and sends no reply twice, not even one on its way to Telegram at the kill (SIGKILL twice, then SIGTERM; ' +
      '3 × 50 questions, 100 ms latency)',
    async () => {
      const result = await runCrashTrial({
        service: real.service,
        indexDir: real.indexDir,
        latencyMs: 100,
        kills: [
          { signal: 'SIGKILL', afterMs: 150 },
          { signal: 'SIGKILL', afterMs: 700 },
          { signal: 'SIGTERM', afterMs: 500 },
        ],
      });
      console.log(
        `crash trial: replies delivered at the kills ${result.repliesAtKill.join(', ')}; lost ${result.lost}, duplicates ` +
          `${result.duplicates}`,
      );
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ asked: 150, lost: 0, duplicates: 0, langKept: true });
    },
    TRIAL_TIMEOUT_MS,
  );
});
