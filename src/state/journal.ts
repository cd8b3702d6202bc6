import { closeSync, existsSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { SentCall } from './types.js';

/** Above this size the journal file is rewritten with only the lines of updates not yet finished. */
const COMPACT_AT_BYTES = 4 * 2 ** 20;

/**
 * One line of the journal file, about call number `i` of update `u`: Telegram accepted it (`c`, with
 * its answer); its request was written and its answer not yet seen (`w`); Telegram refused that
 * request (`r`: the `w` before it is void).
 */
type Line = { u: number; i: number } & ({ c: SentCall } | { w: CallTarget } | { r: 1 });

/** A call's method and where it goes. */
export type CallTarget = Pick<SentCall, 'method' | 'target'>;

/**
 * The reply journal of the inbox: an append-only file of JSON lines. A call of an update gets a
 * line when its request has been written to Telegram (from then on Telegram carries it out even
 * if the process dies), one when Telegram refused it, and one with Telegram's answer when it was
 * accepted. Read back, a call with a "written" line and no answer is presumed delivered
 * (`unanswered`). A line is written with one `write` system call and no disk flush (about 20 µs): it
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
  /** Writes a line: Telegram accepted the call. It survives a kill -9 once this returns (so do the next two). */
  append(updateId: number, index: number, call: SentCall): void;
  /** Writes a line: the call's request has been written; its answer is not seen yet. */
  appendWritten(updateId: number, index: number, call: CallTarget): void;
  /** Writes a line: Telegram refused the call's request (the "written" line before it is void). */
  appendRefused(updateId: number, index: number): void;
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
      if ('c' in line) calls[line.i] = line.c;
      else if ('w' in line) calls[line.i] = { ...line.w, result: undefined, unanswered: true };
      else if (calls[line.i]?.unanswered) {
        delete calls[line.i];
        while (calls.length > 0 && calls[calls.length - 1] === undefined) calls.length--;
      }
      earlier.set(line.u, calls);
      live.set(line.u, [...(live.get(line.u) ?? []), text]);
    }
    fd = rewrite(path, live);
    size = fstatSync(fd).size;
  }
  const write = (line: Line) => {
    const text = JSON.stringify(line);
    fd ??= openSync(path, 'a');
    size += writeSync(fd, `${text}\n`);
    const lines = live.get(line.u);
    if (lines) lines.push(text);
    else live.set(line.u, [text]);
  };
  return {
    earlier,
    append: (u, i, c) => write({ u, i, c }),
    appendWritten: (u, i, w) => write({ u, i, w: w.target === undefined ? { method: w.method } : w }),
    appendRefused: (u, i) => write({ u, i, r: 1 }),
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
    if (!Number.isInteger(line.u) || !Number.isInteger(line.i) || line.i < 0) return undefined;
    if ('c' in line) return typeof line.c?.method === 'string' ? line : undefined;
    if ('w' in line) return typeof line.w?.method === 'string' ? line : undefined;
    return 'r' in line && line.r === 1 ? line : undefined;
  } catch {
    return undefined;
  }
}
