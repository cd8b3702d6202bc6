/**
 * At-least-once delivery against the real process: `src/main.ts` is killed with SIGKILL (and
 * stopped with SIGTERM) in the middle of 50-question bursts with 100 ms Bot API latency and
 * started again; every question is answered, in order, and a /lang choice the user was told was
 * saved survives the kill. A reply is sent twice only when Telegram accepted it as the process was
 * killed, before the answer came back and was journalled (DUP_WINDOW_MS); never after SIGTERM.
 * `npx tsx bench/state.ts` runs the full 5 × 50 trial.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUP_WINDOW_MS, runCrashTrial } from './crash-trial.js';
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
    'loses no question and sends no reply twice except one that reached Telegram as the process was killed (SIGKILL twice, then SIGTERM; ' +
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
          `${result.duplicates} (${result.duplicatesOutsideWindow} outside the ${DUP_WINDOW_MS} ms window; first copies at ` +
          `${result.duplicateOffsetsMs.join(', ')} ms from a kill)`,
      );
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ asked: 150, lost: 0, duplicatesOutsideWindow: 0, langKept: true });
    },
    TRIAL_TIMEOUT_MS,
  );
});
