import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { PROJECT_ROOT } from '../config.js';
import { UserError } from '../errors.js';

/**
 * Runs a CLI entry point when its module is the one node was started with (importing it, e.g. from
 * a test, runs nothing): user errors print one line `error: …` to stderr and exit 1, without a
 * stack; unexpected errors print their message and exit 1 (the stack only with DEBUG=1).
 * ```ts
 * runCli(import.meta.url, async () => { … return 0; });
 * ```
 */
export function runCli(moduleUrl: string, main: () => Promise<number | void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  // the same .env as `npm start` (variables already set win)
  loadDotenv({ path: resolve(PROJECT_ROOT, '.env'), quiet: true });
  main().then(
    (code) => { process.exitCode = code ?? 0; },
    (err: unknown) => {
      const e = err as Error;
      const known = err instanceof UserError;
      process.stderr.write(`error: ${e?.message ?? String(err)}\n`);
      if (!known || process.env.DEBUG) process.stderr.write(`${known ? '' : 'this is a bug: please report it with the command you ran. '}${process.env.DEBUG ? e?.stack ?? '' : 'Run with DEBUG=1 for details.'}\n`);
      process.exitCode = 1;
    },
  );
}

/** Writes a line to stderr (progress, notices): stdout is kept for answers. */
export const log = (line: string): void => { process.stderr.write(`${line}\n`); };
