/** Log levels, most verbose first; `silent` logs nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the bot logs through. Messages are single lines; implementations must not throw. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Replaces every secret in a text by `[redacted]`: the secret itself, its URL-encoded form and,
 * for a bot token `<id>:<secret>`, the secret half alone. Secrets shorter than 8 characters are ignored.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 8) continue;
    needles.add(s).add(encodeURIComponent(s));
    const half = /^\d+:(.{8,})$/.exec(s)?.[1];
    if (half) needles.add(half);
  }
  let out = text;
  for (const n of [...needles].sort((a, b) => b.length - a.length)) out = out.split(n).join('[redacted]');
  return out;
}

/** A one-line description of any thrown value: `Name: message`. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`.replace(/\s*\n\s*/g, ' ');
  return String(err);
}

/** Wraps a logger so that nothing it writes contains one of the secrets. */
export function redactingLogger(logger: Logger, secrets: ReadonlyArray<string | undefined>): Logger {
  return {
    debug: (m) => logger.debug(redact(m, secrets)),
    info: (m) => logger.info(redact(m, secrets)),
    warn: (m) => logger.warn(redact(m, secrets)),
    error: (m) => logger.error(redact(m, secrets)),
  };
}

/**
 * A logger writing `2026-01-20T10:00:00.000Z WARN message` lines, secrets redacted.
 * Defaults: level `info`, lines to stderr.
 */
export function createLogger(
  options: { level?: LogLevel; secrets?: ReadonlyArray<string | undefined>; write?: (line: string) => void; now?: () => Date } = {},
): Logger {
  const {
    level = 'info',
    secrets = [],
    write = (line) => {
      process.stderr.write(`${line}\n`);
    },
    now = () => new Date(),
  } = options;
  const min = LOG_LEVELS.indexOf(level);
  const at = (l: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (LOG_LEVELS.indexOf(l) < min) return;
    try {
      write(`${now().toISOString()} ${l.toUpperCase()} ${redact(message, secrets)}`);
    } catch {
      /* logging never throws */
    }
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Writes a line to stderr (progress, notices): stdout is kept for answers. */
export const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
