import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { PathError } from '../errors.js';
import { assertWritable } from '../index/owned.js';

/**
 * Names the bot's state store may keep in DATA_DIR: the JSON sessions file of earlier versions (its
 * temporary files, and the name it is kept under once migrated), the embedded store's files (`state*`, e.g. `state.mdb`, `state.mdb-lock`,
 * `state.db-wal`), LMDB's default `data.mdb`/`lock.mdb`. A store that writes other names adds them here.
 */
export const DATA_DIR_ENTRIES: readonly RegExp[] = [
  /^sessions\.json(\.\d+\.\d+\.tmp|\.migrated(\.\d+)?)?$/,
  /^state([.-].*)?$/,
  /^(data|lock)\.mdb$/,
  /^\.gitkeep$/,
];

/**
 * Checks that DATA_DIR is a folder the bot's store can own before the store opens it: missing (it
 * is created), empty, or holding only the store's own files (`DATA_DIR_ENTRIES`); not the index
 * folder, not inside it and not holding it; writable.
 * ```ts
 * checkDataDir(config.dataDir, { indexDir: config.retrieval.indexDir });
 * ```
 * @throws PathError naming the path and what to do.
 */
export function checkDataDir(dir: string, options: { indexDir: string }): void {
  const data = resolve(dir);
  const index = resolve(options.indexDir);
  if (data === index || isInside(data, index) || isInside(index, data)) {
    throw new PathError(
      'DATA_DIR',
      dir,
      `overlaps INDEX_DIR ${options.indexDir}`,
      "give the bot's data and the search index separate folders (defaults: data and index/article)",
    );
  }
  let entries: string[] = [];
  try {
    if (!statSync(dir).isDirectory())
      throw new PathError('DATA_DIR', dir, 'is a file, not a folder', 'point DATA_DIR at a new or empty folder (default data)');
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const foreign = entries.filter((name) => !DATA_DIR_ENTRIES.some((pattern) => pattern.test(name))).sort();
  if (foreign.length > 0) {
    const shown = `${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? `, … ${foreign.length} in all` : ''}`;
    throw new PathError(
      'DATA_DIR',
      dir,
      `holds files that are not the bot's (${shown})`,
      'nothing was changed; point DATA_DIR at a new or empty folder (default data)',
    );
  }
  assertWritable('DATA_DIR', dir);
}

/** Whether `child` lies strictly inside `parent` (both absolute). */
function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}
