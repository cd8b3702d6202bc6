import type { Logger } from '../../src/log.js';

/** A logger that keeps its lines as `LEVEL message`, for exact assertions on what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => {
    lines.push(`${level} ${m}`);
  };
  return { lines, debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}
