/**
 * Cold start times of the commands people run, each started `--runs` times as a new process:
 * `npm run --silent ask -- "…"` (tsx) against `node dist/cli/ask.js "…"`, and the bot from spawn to
 * "is answering" (long polling against a fake Bot API on 127.0.0.1) for `npm start` (compiled) and
 * `tsx src/main.ts` (the former start command). Builds dist/ first when stale.
 * ```sh
 * npx tsx bench/startup.ts --runs 5
 * ```
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { startFakeBotApi } from '../test/support/fake-bot-api.js';

const QUESTION = 'What does the article find about criminal liability?';
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
  EMBEDDER: 'lexical',
  ALLOW_REMOTE_MODELS: 'false',
  npm_config_update_notifier: 'false',
};

/** Milliseconds from spawn to exit (or to the first output line matching `until`, then the process is stopped). */
function timeOnce(cmd: string, args: string[], extraEnv: Record<string, string>, until?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(cmd, args, { cwd: PROJECT_ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      if (until?.test(output)) {
        const ms = performance.now() - started;
        proc.once('exit', () => resolve(ms));
        proc.kill('SIGTERM');
        until = undefined;
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      if (!until && code !== null && !output.includes('is answering')) {
        if (code === 0) resolve(performance.now() - started);
        else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${output}`));
      }
    });
  });
}

async function median(label: string, run: () => Promise<number>): Promise<void> {
  await run(); // warms the file-system cache: "cold" is a new process, not a cold disk
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await run());
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${label.padEnd(44)} median ${Math.round(times[Math.floor(times.length / 2)])} ms (min ${Math.round(times[0])}, max ` +
      `${Math.round(times.at(-1)!)}, ${runs} runs)\n`,
  );
}

const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
await median('npm run --silent ask -- "…" (tsx)', () => timeOnce('npm', ['run', '--silent', 'ask', '--', QUESTION], {}));
await median('node dist/cli/ask.js "…"', () => timeOnce(process.execPath, ['dist/cli/ask.js', QUESTION], {}));
const api = await startFakeBotApi({ token: '123456789:AAH-startup-bench-token-0123456789ab' });
const data = mkdtempSync(join(tmpdir(), 'bench-startup-'));
const botEnv = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: data, LOG_LEVEL: 'info' };
try {
  await median('bot start-up: npm start (node dist/main.js)', () => timeOnce('npm', ['start'], botEnv, /is answering/));
  await median('bot start-up: node dist/main.js', () => timeOnce(process.execPath, ['dist/main.js'], botEnv, /is answering/));
  await median('bot start-up: tsx src/main.ts (former npm start)', () => timeOnce('npx', ['tsx', 'src/main.ts'], botEnv, /is answering/));
} finally {
  await api.close();
  rmSync(data, { recursive: true, force: true });
}
