/**
 * The one bootstrap of every entry point (`npm start`, the CLIs, bench/): runs `main` only when its
 * module is the one node was started with (importing it, e.g. from a test, runs nothing), loads the
 * project's `.env` first (variables already set win), and prints a failure as one line on stderr
 * with every secret redacted, then exits with 1.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { PROJECT_ROOT } from './config.js';
import { UserError } from './errors.js';
import { describeError, redact } from './log.js';
import { credentials } from './state/redis-connection.js';

/** The secrets an error line must never show: BOT_TOKEN, WEBHOOK_SECRET and the password in REDIS_URL. */
export function envSecrets(env: NodeJS.ProcessEnv): string[] {
  return [env.BOT_TOKEN?.trim(), env.WEBHOOK_SECRET?.trim(), ...credentials(env.REDIS_URL?.trim() ?? '')].filter((s): s is string => !!s);
}

/**
 * One line on stderr: a user-fixable error (a `UserError`) as it is, any other with a hint; the
 * stack only with DEBUG=1; secrets redacted.
 */
export function reportError(
  err: unknown,
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = (t) => {
    process.stderr.write(t);
  },
): void {
  const secrets = envSecrets(env);
  const line = err instanceof UserError ? err.message : `${describeError(err)} (run with DEBUG=1 for the stack)`;
  write(`error: ${redact(line, secrets)}\n`);
  if (env.DEBUG && err instanceof Error) write(`${redact(err.stack ?? '', secrets)}\n`);
}

/**
 * Runs `main` when `moduleUrl` is the entry module; its result is the exit code (none: 0).
 * `forceExitMs`: exit that long after `main` settles even if sockets are still open (the bot: a
 * stop past its deadline leaves them open); a failed or non-zero run then exits at once.
 * ```ts
 * runEntry(import.meta.url, async () => { … return 0; });
 * ```
 */
export function runEntry(
  moduleUrl: string,
  main: (env: NodeJS.ProcessEnv) => Promise<number | undefined>,
  options: { forceExitMs?: number } = {},
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  loadDotenv({ path: resolve(PROJECT_ROOT, '.env'), quiet: true });
  const { forceExitMs } = options;
  const exit = (code: number, afterMs: number | undefined) => {
    process.exitCode = code;
    if (afterMs !== undefined) setTimeout(() => process.exit(code), afterMs).unref();
  };
  main(process.env).then(
    (code) => exit(code ?? 0, forceExitMs === undefined ? undefined : code ? 0 : forceExitMs),
    (err: unknown) => {
      reportError(err, process.env);
      exit(1, forceExitMs);
    },
  );
}

/**
 * The problem a node:util `parseArgs` error describes, in the CLIs' words: `unknown option --x`, or
 * for an option given without its value the line `missingValue` holds for it (by option name).
 */
export function usageProblem(err: unknown, missingValue: Record<string, string> = {}): string {
  const { code, message } = err as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return missingValue[option.replace(/^-+/, '')] ?? `${option} needs a value`;
  throw err;
}

/**
 * For a command that takes no arguments but `--help`: true (after printing `usage` on stdout) when
 * it was asked for. @throws UserError for anything else on the command line.
 */
export function helpAsked(argv: string[], usage: string): boolean {
  try {
    const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) process.stdout.write(`${usage}\n`);
    return values.help === true;
  } catch (err) {
    const positional = (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
    throw new UserError(`${positional ? `unexpected argument ${argv.find((a) => !a.startsWith('-'))}` : usageProblem(err)}\n${usage}`);
  }
}
