/**
 * Telegram pushing back on sendMessage at full scale: for each scenario of
 * test/reliability/pushback.ts, 100 chats with one question each through the real bot, and a
 * flood wait of 40 s. Prints how many answers arrived exactly once, were lost or doubled.
 * ```sh
 * npx tsx bench/pushback.ts [--chats 100] [--flood 40]
 * ```
 */
import { loadRetrievalConfig } from '../src/config.js';
import { openService } from '../src/setup.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPushback, SCENARIOS } from '../test/reliability/pushback.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const [chats, floodS] = [arg('--chats', 100), arg('--flood', 40)];
const root = mkdtempSync(join(tmpdir(), 'bench-pushback-'));
try {
  const { service } = await openService(
    { ...loadRetrievalConfig({ EMBEDDER: 'lexical' }), indexDir: join(root, 'article') },
    { log: () => {} },
  );
  for (const scenario of SCENARIOS) {
    const r = await runPushback({ service, scenario, chats, floodS, timeoutMs: (floodS + 60) * 1000 });
    process.stdout.write(
      `${scenario.padEnd(44)} ${r.delivered}/${chats} delivered once, ${r.lost} lost, ${r.duplicated} doubled; ${r.refused} calls ` +
        `refused; ${(r.elapsedMs / 1000).toFixed(1)} s\n`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
