import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import type { StorageAdapter } from 'grammy';
import { LegacySessionsError } from './errors.js';

/** The file in DATA_DIR where earlier versions kept the user sessions (`{ "version": 1, "sessions": { id: value } }`). */
export const LEGACY_SESSIONS_FILE = 'sessions.json';

/**
 * Copies the sessions of an earlier version's `sessions.json` into `users`, then renames the file
 * to `sessions.json.migrated` (or `.migrated.1`, … when that exists): it is kept, never deleted.
 * Values are copied as they are (a damaged one is reset when it is read). Idempotent: a crash
 * before the rename migrates the same file again at the next start.
 * Returns how many sessions were copied, or undefined when there is no such file.
 * ```ts
 * await migrateSessionsFile(join(dataDir, LEGACY_SESSIONS_FILE), store.sessions('user'));
 * ```
 * @throws LegacySessionsError for an unreadable file, invalid JSON or another format version.
 */
export async function migrateSessionsFile<T>(file: string, users: StorageAdapter<T>): Promise<number | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LegacySessionsError(file, `cannot be read (${(err as Error).message})`);
  }
  const sessions = parse(file, raw);
  await Promise.all(Object.entries(sessions).map(([key, value]) => users.write(key, value as T)));
  await rename(file, freeName(`${file}.migrated`));
  return Object.keys(sessions).length;
}

function parse(file: string, raw: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new LegacySessionsError(file, `is not valid JSON (${(err as Error).message})`);
  }
  const d = doc as { version?: unknown; sessions?: unknown } | null;
  if (
    d === null ||
    typeof d !== 'object' ||
    d.version !== 1 ||
    typeof d.sessions !== 'object' ||
    d.sessions === null ||
    Array.isArray(d.sessions)
  ) {
    throw new LegacySessionsError(file, 'is not a sessions file of format version 1');
  }
  return d.sessions as Record<string, unknown>;
}

function freeName(base: string): string {
  let name = base;
  for (let i = 1; existsSync(name); i++) name = `${base}.${i}`;
  return name;
}
