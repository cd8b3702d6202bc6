/**
 * `node --import tsx src/main.ts` as a child process over a clean environment: every variable main
 * reads is set (empty = its default), so that a .env in the project folder or the caller's shell
 * cannot change the run. Used by every test that starts the real bot process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Node's options in package.json's `start` script (test/reliability/start.test.ts checks they agree).
 * Semi-spaces of 32 MB (a larger young generation than V8 picks by itself) mean fewer scavenges in a
 * busy bot: measured at 10–15 % less CPU per button press in a burst (bench/state.ts), for about
 * 40 MB more peak RSS.
 */
export const START_NODE_ARGS = ['--enable-source-maps', '--max-semi-space-size=32'];

/** The bot process: its output so far (stdout and stderr together) and its exit. */
export interface MainProcess {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts src/main.ts with the lexical embedder, no model download and `env` over the cleared variables.
 * `built`: runs dist/main.js as `npm start` does (`START_NODE_ARGS`; the caller builds it first with
 * scripts/build-if-stale.mjs) instead of the sources under tsx.
 */
export function spawnMain(env: Record<string, string>, options: { built?: boolean } = {}): MainProcess {
  const args = options.built ? [...START_NODE_ARGS, 'dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      EMBEDDER: 'lexical',
      LOG_LEVEL: 'info',
      WEBHOOK_URL: '',
      WEBHOOK_SECRET: '',
      WEBHOOK_PORT: '',
      WEBHOOK_HOST: '',
      CORPUS_DIR: '',
      EMBEDDING_MODEL: '',
      ALLOW_REMOTE_MODELS: 'false',
      MODEL_CACHE_DIR: '',
      RATE_LIMIT_MAX: '',
      RATE_LIMIT_WINDOW_S: '',
      REDIS_URL: '',
      DIALOGUE_TTL_MIN: '',
      STOP_TIMEOUT_S: '',
      RETRY_MAX_WAIT_S: '',
      DEBUG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => {
    output += d;
  });
  proc.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => output, exited };
}
