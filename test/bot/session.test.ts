import { MemorySessionStorage } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/answer/i18n.js';
import { formatAboutHtml } from '../../src/answer/views.js';
import type { SessionData } from '../../src/bot/context.js';
import { storeUserSessions, userSessions } from '../../src/bot/session.js';
import { openEmbeddedStore } from '../../src/state/embedded.js';
import { expectCleanRun, pause, press, say, startHarness, type Harness } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let h: Harness | undefined;
afterEach(async () => {
  if (h) expectCleanRun(h);
  await h?.close();
  h = undefined;
});

describe('userSessions', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('does not store the empty session of a new user, and deletes a session emptied later', async () => {
    const raw = new MemorySessionStorage<{ lang?: 'kk' | 'ru' | 'en' }>();
    const users = userSessions(raw, () => undefined);
    await users.write('1', {});
    expect(raw.has('1')).toBe(false);
    await users.write('1', { lang: 'en' });
    expect(raw.read('1')).toEqual({ lang: 'en' });
    await users.write('1', {});
    expect(raw.has('1')).toBe(false);
  });
});

describe('damaged user sessions in the state store', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('are reset with one warning each and the users get their replies', async () => {
    h = await startHarness();
    await h.stopBot();
    const store = await openEmbeddedStore(h.dataDir);
    const raw = store.sessions<unknown>('user');
    await Promise.all([raw.write('601', null), raw.write('602', 'x'), raw.write('603', { lang: 'de' }), raw.write('604', { lang: 'kk' })]);
    await store.close();
    await h.restartBot();
    for (const [chatId, ui] of [
      [601, 'ru'],
      [602, 'en'],
      [603, 'en'],
      [604, 'kk'],
    ] as const) {
      const [reply] = await say(h, '/about', { chatId, languageCode: chatId === 601 ? 'ru' : 'en' });
      expect(reply.params.text, `chat ${chatId}`).toBe(formatAboutHtml(ui));
    }
    expect(h.logs.filter((l) => / WARN session /.test(l)).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      'WARN session 601 holds null, not a valid session: it is reset',
      'WARN session 602 holds "x", not a valid session: it is reset',
      'WARN session 603 holds {"lang":"de"}, not a valid session: it is reset',
    ]);
    expect(h.logs.filter((l) => / ERROR /.test(l))).toEqual([]);
  });
});

describe('/lang', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('has written the choice to the store when the user is told it is saved', async () => {
    h = await startHarness();
    await say(h, '/lang', { chatId: 605 });
    const { callback } = await press(h, 'v1:lang:kk', { chatId: 605, messageId: 2, method: 'editMessageText' });
    expect(callback.params.text).toBe(t('kk').langSet);
    await h.stopBot(); // closes the store
    const store = await openEmbeddedStore(h.dataDir);
    expect(await storeUserSessions(store).read('605')).toEqual({ lang: 'kk' });
    await store.close();
    await h.restartBot();
  });

  it('tells the user only after the write of the choice has finished', async () => {
    const raw = new MemorySessionStorage<SessionData>();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const writes: Array<[string, SessionData]> = [];
    const slow = {
      read: (k: string) => raw.read(k),
      delete: (k: string) => raw.delete(k),
      async write(k: string, v: SessionData) {
        writes.push([k, v]);
        await gate;
        raw.write(k, v);
      },
    };
    h = await startHarness({ storage: slow });
    await say(h, '/lang', { chatId: 606 });
    const pressed = press(h, 'v1:lang:ru', { chatId: 606, messageId: 2, method: 'editMessageText' });
    await pause(300);
    expect([writes, h.api.calls.filter((c) => c.method === 'answerCallbackQuery')]).toEqual([[['606', { lang: 'ru' }]], []]);
    release();
    expect((await pressed).callback.params.text).toBe(t('ru').langSet);
    expect(raw.read('606')).toEqual({ lang: 'ru' });
  });

  it('says the choice was not saved, and changes nothing, when the store drops the write (Redis away)', async () => {
    const raw = new MemorySessionStorage<SessionData>();
    const dropping = { read: (k: string) => raw.read(k), delete: (k: string) => raw.delete(k), write: async () => undefined };
    h = await startHarness({ storage: dropping });
    await say(h, '/lang', { chatId: 607 });
    const { callback } = await press(h, 'v1:lang:ru', { chatId: 607, messageId: 2, count: 0 });
    expect(callback.params.text).toBe(t('ru').langNotSaved);
    expect(h.api.calls.filter((c) => c.method === 'editMessageText')).toEqual([]);
    expect(raw.read('607')).toBeUndefined();
  });
});
