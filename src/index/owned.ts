import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PathError } from '../errors.js';

/** The files an index folder holds (see store.ts); a folder holding anything else is not ours to replace. */
export const INDEX_FILES: readonly string[] = ['meta.json', 'chunks.json', 'vectors.hnsw'];

/** The temporary siblings a build writes: `<name>.tmp-<pid>-<ms>` (new index) and `<name>.old-<pid>-<ms>` (previous one). */
const SIBLING = /^(.*)\.(tmp|old)-(\d+)-(\d+)$/;

/** Sibling folders this process is writing right now (never taken for leftovers). */
const active = new Set<string>();

/** A new sibling folder name of `dir` for a build of this process; `release` it when done. */
export function claimSibling(dir: string, kind: 'tmp' | 'old'): string {
  const path = `${dir}.${kind}-${process.pid}-${Date.now()}`;
  active.add(basename(path));
  return path;
}

/** Ends the claim of `claimSibling`. */
export const releaseSibling = (path: string): void => {
  active.delete(basename(path));
};

/**
 * Refuses to go on unless `dir` is a folder the project may replace: missing, empty, or holding
 * nothing but index files. Also refuses a location that cannot be written.
 * ```ts
 * assertReplaceableIndexDir('index/article'); // before building, and again right before the swap
 * ```
 * @throws PathError naming the path and what to do.
 */
export function assertReplaceableIndexDir(dir: string): void {
  const foreign = foreignEntries(dir);
  if (foreign === 'file')
    throw new PathError('INDEX_DIR', dir, 'is a file, not a folder', 'point INDEX_DIR at a new or empty folder (default index/article)');
  if (foreign.length > 0) {
    throw new PathError(
      'INDEX_DIR',
      dir,
      `holds files that are not a search index (${listed(foreign)})`,
      'nothing was changed; point INDEX_DIR at a new or empty folder (default index/article)',
    );
  }
  // the new index is written beside `dir` and renamed into place: its parent folder must be writable
  assertWritable('INDEX_DIR', dirname(dir), dir);
}

/** Entries of `dir` that a build did not write ('file' when `dir` is a file; [] when it is missing). */
function foreignEntries(dir: string): string[] | 'file' {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) return 'file';
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries.filter((name) => !INDEX_FILES.includes(name)).sort();
}

/**
 * Throws a PathError that says "read-only" when `dir` (created when missing) cannot be written.
 * `variable` is the setting that named the path (INDEX_DIR, DATA_DIR), `shown` the path it named.
 */
export function assertWritable(variable: string, dir: string, shown = dir): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      const where = shown === dir ? 'is read-only' : `cannot be written: its folder ${dir} is read-only`;
      throw new PathError(
        variable,
        shown,
        `${where} for this process (${code})`,
        `point ${variable} at a writable folder, or make this one writable`,
      );
    }
    if (code === 'ENOTDIR' || code === 'EEXIST')
      throw new PathError(variable, shown, 'lies under a file, not a folder', `point ${variable} at a folder`);
    throw err;
  }
}

/**
 * Tidies what a crashed build of `dir` left beside it: a `.tmp-*` folder (a half-written index) is
 * removed; an `.old-*` folder (the previous index, moved aside just before the crash) is put back
 * when `dir` is missing, else removed. Siblings of a build still running (live pid) and folders
 * holding anything but index files are left alone. Returns what was done, one line each.
 */
export function cleanLeftovers(dir: string): string[] {
  const parent = dirname(dir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const done: string[] = [];
  const leftovers = names
    .map((name) => ({ name, m: SIBLING.exec(name) }))
    .filter(({ name, m }) => m !== null && m[1] === basename(dir) && !active.has(name) && !isAlive(Number(m[3])))
    .sort((a, b) => Number(b.m![4]) - Number(a.m![4])); // newest first: the newest old index is the one to restore
  for (const { name, m } of leftovers) {
    const path = join(parent, name);
    try {
      const found = foreignEntries(path);
      if (found === 'file' || found.length > 0) continue;
      if (m![2] === 'old' && !existsSync(dir)) {
        renameSync(path, dir);
        done.push(`restored the previous index from ${name} (a build was interrupted)`);
      } else {
        rmSync(path, { recursive: true, force: true });
        done.push(`removed ${name} left by an interrupted build`);
      }
    } catch (err) {
      done.push(`could not tidy ${name} left by an interrupted build (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return done;
}

/** Whether another process with this id runs (our own pid: a crashed earlier process that had it). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const listed = (names: string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? `, … ${names.length} in all` : ''}`;
