import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore, STATE_FILE, STATE_FORMAT_VERSION } from '../../src/state/embedded.js';
import { StateFormatError, StateStoreError } from '../../src/state/errors.js';

const root = mkdtempSync(join(tmpdir(), 'state-embedded-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `store-${++n}`);
const HOUR_MS = 3_600_000;

describe('openEmbeddedStore', () => {
  it('round-trips sessions per namespace and keeps them after close and reopen', async () => {
    const dir = freshDir();
    const store = await openEmbeddedStore(dir);
    const users = store.sessions<{ lang?: string }>('user');
    const dialogue = store.sessions<{ step: number; history: string[] }>('dialogue', { ttlS: 3600 });
    await users.write('42', { lang: 'kk' });
    await dialogue.write('42', { step: 2, history: ['a', 'b'] });
    await users.write('43', { lang: 'ru' });
    await users.delete('43');
    expect([await users.read('42'), await dialogue.read('42'), await users.read('43'), await dialogue.read('7')]).toEqual([
      { lang: 'kk' },
      { step: 2, history: ['a', 'b'] },
      undefined,
      undefined,
    ]);
    await store.close();
    await store.close(); // idempotent
    expect(readdirSync(dir).sort()).toEqual([STATE_FILE, `${STATE_FILE}-lock`]);

    const again = await openEmbeddedStore(dir);
    expect([await again.sessions('user').read('42'), await again.sessions('dialogue').read('42')]).toEqual([
      { lang: 'kk' },
      { step: 2, history: ['a', 'b'] },
    ]);
    await again.close();
  });

  it('remembers handled update ids for 24 hours, across a reopen', async () => {
    let now = 1_000_000;
    const dir = freshDir();
    const store = await openEmbeddedStore(dir, { now: () => now });
    await store.markHandled(17);
    expect([await store.wasHandled(17), await store.wasHandled(18)]).toEqual([true, false]);
    await store.close();
    const again = await openEmbeddedStore(dir, { now: () => now });
    now += 24 * HOUR_MS - 1;
    expect(await again.wasHandled(17)).toBe(true);
    now += 1;
    expect(await again.wasHandled(17)).toBe(false);
    await again.close();
  });

  it('expires an entry not written for ttlS and sweeps expired entries away (bounded growth)', async () => {
    let now = 5_000_000;
    const store = await openEmbeddedStore(freshDir(), { now: () => now, sweepEveryMs: 3_600_000 });
    const dialogue = store.sessions<{ step: number }>('dialogue', { ttlS: 60 });
    const users = store.sessions<{ lang: string }>('user');
    await Promise.all(Array.from({ length: 50 }, (_, i) => dialogue.write(String(i), { step: i })));
    await users.write('1', { lang: 'en' });
    await store.markHandled(1);
    now += 30_000;
    await dialogue.write('0', { step: 100 }); // written again: lives 60 s from now
    expect(store.count()).toBe(52);
    now += 30_000;
    expect([await dialogue.read('0'), await dialogue.read('1')]).toEqual([{ step: 100 }, undefined]);
    expect(await store.sweep()).toBe(49);
    expect(store.count()).toBe(3);
    now += 24 * HOUR_MS;
    expect(await store.sweep()).toBe(2);
    expect([store.count(), await users.read('1'), await dialogue.read('0'), await store.wasHandled(1)]).toEqual([
      1,
      { lang: 'en' },
      undefined,
      false,
    ]);
    await store.close();
  });

  it('does not rewrite an unchanged value within 1 % of its time to live, and does after', async () => {
    let now = 0;
    const store = await openEmbeddedStore(freshDir(), { now: () => now });
    const space = store.sessions<{ a: number }>('s', { ttlS: 100 });
    await space.write('k', { a: 1 });
    now = 999; // within 1 s (1 % of 100 s): the expiry stays at 100 000
    await space.write('k', { a: 1 });
    now = 100_000;
    expect(await space.read('k')).toBeUndefined();
    now = 200_000;
    await space.write('k', { a: 1 });
    now = 201_500; // 1.5 s later: rewritten, lives until 301 500
    await space.write('k', { a: 1 });
    now = 301_000;
    expect(await space.read('k')).toEqual({ a: 1 });
    await store.close();
  });

  it('refuses a store of another format version with the fix in the message', async () => {
    const dir = freshDir();
    await (await openEmbeddedStore(dir)).close();
    const raw = open({ path: join(dir, STATE_FILE), maxDbs: 4 });
    await raw.openDB('meta', {}).put('format', { version: STATE_FORMAT_VERSION + 1 });
    await raw.close();
    const path = join(dir, STATE_FILE);
    const err = await openEmbeddedStore(dir).catch((e) => e);
    expect(err).toBeInstanceOf(StateFormatError);
    expect(err.message).toBe(
      `state store ${path} has format version 2, but this bot reads version 1: run the bot version that wrote it, ` +
        "or move the file aside (it holds the users' /lang choices and conversations) or set DATA_DIR to another folder to start afresh",
    );
  });

  it('says what is wrong and how to fix it when DATA_DIR cannot hold the store', async () => {
    const file = join(root, 'not-a-folder');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    const err = await openEmbeddedStore(file).catch((e) => e);
    expect(err).toBeInstanceOf(StateStoreError);
    expect(err.message).toMatch(
      new RegExp(
        `^state store ${join(file, STATE_FILE)} cannot be opened \\(.*EEXIST.*\\): check that DATA_DIR is a writable folder with free ` +
          `space, or set DATA_DIR to another folder$`,
      ),
    );
  });
});
