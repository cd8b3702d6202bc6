import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchBot } from '../../bench/bot.js';
import { loadRetrievalConfig } from '../../src/config.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openService } from '../../src/setup.js';

let indexDir: string;
let service: ArticleService;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), 'bench-bot-index-'));
  ({ service } = await openService(loadRetrievalConfig({ EMBEDDER: 'lexical', INDEX_DIR: indexDir }), { log: () => undefined }));
}, 60_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe('benchBot', () => {
  it('answers every question of the batch and returns positive figures', async () => {
    const result = await benchBot({ service, updates: 20, users: 5 });
    expect(result.answered).toBe(20);
    expect(result.startupMs).toBeGreaterThan(0);
    expect(result.throughputPerSec).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThan(0);
    expect(result.p95Ms).toBeLessThan(10_000);
  }, 30_000);

  it('counts only the replies that arrive within the timeout', async () => {
    // one chat: its questions are answered one after another, 600 ms each → 2 replies by 1500 ms, the 3rd at 1800 ms at the earliest
    const slow: ArticleService = {
      ...service,
      ask: async (q, o) => {
        await new Promise((r) => setTimeout(r, 600));
        return service.ask(q, o);
      },
    };
    const result = await benchBot({ service: slow, updates: 6, users: 1, timeoutMs: 1500 });
    expect(result.startupMs).toBeGreaterThanOrEqual(600);
    expect(result.answered).toBe(2);
  }, 30_000);
});
