import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore, STATE_FILE } from '../../src/state/embedded.js';
import { LegacySessionsError } from '../../src/state/errors.js';
import { LEGACY_SESSIONS_FILE, migrateSessionsFile } from '../../src/state/migrate.js';

const root = mkdtempSync(join(tmpdir(), 'state-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `data-${++n}`);

describe('migrateSessionsFile', () => {
  it('copies every session into the store once and keeps the file renamed', async () => {
    const dir = freshDir();
    const store = await openEmbeddedStore(dir);
    const body = JSON.stringify({ version: 1, sessions: { 501: { lang: 'ru' }, 502: { lang: 'kk' }, 503: null } }, null, 1);
    const file = join(dir, LEGACY_SESSIONS_FILE);
    writeFileSync(file, body);
    const users = store.sessions<unknown>('user');
    expect(await migrateSessionsFile(file, users)).toBe(3);
    expect([await users.read('501'), await users.read('502'), await users.read('503')]).toEqual([{ lang: 'ru' }, { lang: 'kk' }, null]);
    expect(readdirSync(dir).sort()).toEqual(['sessions.json.migrated', STATE_FILE, `${STATE_FILE}-lock`]);
    expect(readFileSync(join(dir, 'sessions.json.migrated'), 'utf8')).toBe(body);
    expect(await migrateSessionsFile(file, users)).toBeUndefined(); // nothing left to migrate
    // a sessions.json that appears again is migrated beside the first one, which is never overwritten
    writeFileSync(file, JSON.stringify({ version: 1, sessions: { 501: { lang: 'en' } } }));
    expect(await migrateSessionsFile(file, users)).toBe(1);
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('sessions'))
        .sort(),
    ).toEqual(['sessions.json.migrated', 'sessions.json.migrated.1']);
    expect(readFileSync(join(dir, 'sessions.json.migrated'), 'utf8')).toBe(body);
    await store.close();
  });

  it('refuses a damaged or foreign file and leaves it in place', async () => {
    const dir = freshDir();
    const store = await openEmbeddedStore(dir);
    const file = join(dir, LEGACY_SESSIONS_FILE);
    writeFileSync(file, '{"version": 7, "sessions": {}}');
    await expect(migrateSessionsFile(file, store.sessions('user'))).rejects.toThrow(
      new LegacySessionsError(file, 'is not a sessions file of format version 1'),
    );
    writeFileSync(file, '{oops');
    await expect(migrateSessionsFile(file, store.sessions('user'))).rejects.toThrow(
      /is not valid JSON \(.*\): fix it, or rename it to start without the \/lang choices it holds$/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{oops');
    await store.close();
  });
});
