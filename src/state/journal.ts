import { closeSync, existsSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { SentCall } from './types.js';

/** Above this size the journal file is rewritten with only the lines of updates not yet finished. */
const COMPACT_AT_BYTES = 4 * 2 ** 20;

/** One line of the journal file. */
interface Line {
  u: number;
  i: number;
  c: SentCall;
}

/**
 * The reply journal of the inbox: an append-only file of JSON lines, one per call Telegram
 * accepted. A line is written with one `write` system call and no disk flush (about 20 µs): it
 * is in the operating system's cache the moment `append` returns, so a kill -9 of the process
 * keeps it; a power cut may lose the last lines (those replies are then sent again) or tear
 * the last one (skipped when read). The file is rewritten (to a temporary file, then renamed)
 * with only the lines of updates still in progress whenever it grows past 4 MB.
 * ```ts
 * const journal = openJournal(join(dir, 'state.journal'), (id) => inbox.has(id));
 * journal.append(42, 0, { method: 'sendMessage', target: '7', result });
 * ```
 */
export interface Journal {
  /** The calls journalled per update (read at open, lines of finished updates left out). */
  readonly earlier: Map<number, SentCall[]>;
  /** Writes a line; it survives a kill -9 once this returns. */
  append(updateId: number, index: number, call: SentCall): void;
  /** Forgets an update's lines (it is finished): they are left out of the next rewrite. */
  forget(updateId: number): void;
  close(): void;
}

/** Opens (or creates) the journal at `path`, keeping the lines of the updates `keep` accepts. */
export function openJournal(path: string, keep: (updateId: number) => boolean): Journal {
  const earlier = new Map<number, SentCall[]>();
  const live = new Map<number, string[]>(); // lines of updates not finished, as written
  let fd: number | undefined; // opened at the first line (no file while nothing was ever journalled)
  let size = 0;
  if (existsSync(path)) {
    for (const text of readFileSync(path, 'utf8').split('\n')) {
      const line = parse(text);
      if (!line || !keep(line.u)) continue;
      const calls = earlier.get(line.u) ?? [];
      calls[line.i] = line.c;
      earlier.set(line.u, calls);
      live.set(line.u, [...(live.get(line.u) ?? []), text]);
    }
    fd = rewrite(path, live);
    size = fstatSync(fd).size;
  }
  return {
    earlier,
    append(updateId, index, call) {
      const text = JSON.stringify({ u: updateId, i: index, c: call } satisfies Line);
      fd ??= openSync(path, 'a');
      size += writeSync(fd, `${text}\n`);
      const lines = live.get(updateId);
      if (lines) lines.push(text);
      else live.set(updateId, [text]);
    },
    forget(updateId) {
      live.delete(updateId);
      earlier.delete(updateId);
      if (fd === undefined || size < COMPACT_AT_BYTES) return;
      closeSync(fd);
      fd = rewrite(path, live);
      size = fstatSync(fd).size;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** Writes `live`'s lines to a temporary file, renames it over `path`, and opens it for appending. */
function rewrite(path: string, live: Map<number, string[]>): number {
  const lines = [...live.values()].flat();
  writeFileSync(`${path}.tmp`, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  renameSync(`${path}.tmp`, path);
  return openSync(path, 'a');
}

/** A journal line, or undefined for a torn or damaged one. */
function parse(text: string): Line | undefined {
  if (text === '') return undefined;
  try {
    const line = JSON.parse(text) as Line;
    const valid = Number.isInteger(line.u) && Number.isInteger(line.i) && line.i >= 0 && typeof line.c?.method === 'string';
    return valid ? line : undefined;
  } catch {
    return undefined;
  }
}
