import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchLangPresses, benchMillion } from '../../bench/state.js';
import { loadRetrievalConfig } from '../../src/config.js';
import { openService } from '../../src/setup.js';

/** A small run of each part on a busy 2-core machine. */
const BENCH_TIMEOUT_MS = 60_000;

let indexDir: string;
beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'bench-state-index-'));
  await openService(loadRetrievalConfig({ EMBEDDER: 'lexical', INDEX_DIR: indexDir }), { log: () => undefined }); // builds the index the bot opens
}, BENCH_TIMEOUT_MS);
afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe('benchLangPresses', () => {
  it(
    'stores every choice (it throws otherwise) and answers every other user',
    async () => {
      const r = await benchLangPresses(indexDir, 300, 10); // src/main.ts under tsx: no build racing other tests
      expect([r.users, r.othersAnswered, r.duringAnswered]).toEqual([300, 10, r.duringAsked]);
      expect(r.allStoredMs).toBeGreaterThan(0);
      expect(r.peakRssMB).toBeGreaterThan(0);
      expect(r.botCpuMs).toBeGreaterThan(0);
    },
    BENCH_TIMEOUT_MS,
  );
});

describe('benchMillion', () => {
  it(
    'fills the store and times a write and the opening',
    async () => {
      const r = await benchMillion(5000);
      expect(r.users).toBe(5000);
      expect(r.writeMs).toBeGreaterThan(0);
      expect(r.openMs).toBeGreaterThan(0);
    },
    BENCH_TIMEOUT_MS,
  );
});
