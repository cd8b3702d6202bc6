import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `src/cli/<script>` as a child process, as `npm run` would, with the lexical embedder and a
 * clean environment (no DEBUG, CORPUS_DIR, INDEX_DIR, EMBEDDER, EMBEDDING_MODEL from the caller) plus `env`;
 * `input`, when given, is written to its stdin (a pipe), which is then closed.
 */
export function spawnCli(script: string, args: string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  const base = { ...process.env };
  for (const k of ['DEBUG', 'DEBUG_SCORES', 'CORPUS_DIR', 'INDEX_DIR', 'EMBEDDER', 'EMBEDDING_MODEL']) delete base[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'cli', script), ...args], {
      cwd: ROOT,
      env: { ...base, EMBEDDER: 'lexical', ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(input);
  });
}
