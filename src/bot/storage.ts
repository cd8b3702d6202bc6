import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StorageAdapter } from 'grammy';
import { UserError } from '../errors.js';

/** Format version of the sessions file; a file with another version is refused. */
export const SESSIONS_FORMAT_VERSION = 1;

/** The sessions file cannot be read, parsed or written. */
export class SessionStorageError extends UserError {
  constructor(readonly file: string, detail: string) {
    super(`session file ${file} ${detail}: fix or delete it (it only holds the users' /lang choices), or set DATA_DIR to another folder`);
  }
}

/**
 * A grammY session storage in one JSON file (`{ "version": 1, "sessions": { key: value } }`),
 * kept in memory and rewritten atomically (temporary file + rename) on every change; writes are
 * serialised, and a write whose value is unchanged is skipped.
 * ```ts
 * const storage = await FileStorage.open<SessionData>('data/sessions.json');
 * bot.use(session({ initial: () => ({}), storage }));
 * ```
 */
export class FileStorage<T> implements StorageAdapter<T> {
  private queue: Promise<void> = Promise.resolve();
  private seq = 0;

  private constructor(readonly file: string, private readonly data: Map<string, T>) {}

  /** Opens (or starts) the file; its folder is created. @throws SessionStorageError for an unreadable or corrupt file. */
  static async open<T>(file: string): Promise<FileStorage<T>> {
    let raw: string | undefined;
    try {
      await mkdir(dirname(file), { recursive: true });
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new SessionStorageError(file, `cannot be read (${(err as Error).message})`);
    }
    return new FileStorage<T>(file, raw === undefined ? new Map() : parse<T>(file, raw));
  }

  read(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  write(key: string, value: T): Promise<void> {
    if (JSON.stringify(this.data.get(key)) === JSON.stringify(value)) return this.queue;
    // grammY writes back the initial `{}` of every user it sees: only real settings are kept
    if (!this.data.has(key) && isEmptyObject(value)) return this.queue;
    this.data.set(key, structuredClone(value));
    return this.persist();
  }

  delete(key: string): Promise<void> {
    if (!this.data.delete(key)) return this.queue;
    return this.persist();
  }

  /** Resolves when every change so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  private persist(): Promise<void> {
    const body = JSON.stringify({ version: SESSIONS_FORMAT_VERSION, sessions: Object.fromEntries(this.data) }, null, 1);
    const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
    const run = async () => {
      try {
        await writeFile(tmp, body, 'utf8');
        await rename(tmp, this.file);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw new SessionStorageError(this.file, `cannot be written (${(err as Error).message})`);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parse<T>(file: string, raw: string): Map<string, T> {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new SessionStorageError(file, `is not valid JSON (${(err as Error).message})`);
  }
  const d = doc as { version?: unknown; sessions?: unknown };
  if (d === null || typeof d !== 'object' || d.version !== SESSIONS_FORMAT_VERSION || typeof d.sessions !== 'object' || d.sessions === null) {
    throw new SessionStorageError(file, `is not a sessions file of format version ${SESSIONS_FORMAT_VERSION}`);
  }
  return new Map(Object.entries(d.sessions as Record<string, T>));
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
