/**
 * Telegram pushing back on sendMessage, through the real bot (see pushback.ts): every answer
 * arrives exactly once. 30 chats per scenario and a 3-s flood wait here; `npx tsx bench/pushback.ts`
 * runs 100 chats and a 40-s flood wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPushback, SCENARIOS } from './pushback.js';
import { openRealService, type RealService } from './support.js';

/** 30 answers at Telegram's pace (about 30 messages a second) plus the retries a scenario causes. */
const SCENARIO_TIMEOUT_MS = 40_000;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

describe.concurrent('Telegram pushing back on sendMessage', () => {
  for (const scenario of SCENARIOS) {
    it(
      `delivers 30 of 30 answers exactly once under "${scenario}"`,
      async () => {
        const r = await runPushback({ service: real.service, scenario, chats: 30, floodS: 3, timeoutMs: SCENARIO_TIMEOUT_MS - 10_000 });
        expect({ delivered: r.delivered, lost: r.lost, duplicated: r.duplicated }).toEqual({ delivered: 30, lost: 0, duplicated: 0 });
        expect(r.refused).toBeGreaterThanOrEqual(scenario === SCENARIOS[2] ? 1 : 15);
        expect(r.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
