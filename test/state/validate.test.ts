import { MemorySessionStorage } from 'grammy';
import { describe, expect, it } from 'vitest';
import { isSessionData } from '../../src/bot/session.js';
import { validated } from '../../src/state/validate.js';

describe('validated', () => {
  it('reads a damaged entry as absent, deletes it and warns once', async () => {
    const raw = new MemorySessionStorage<unknown>();
    const warnings: string[] = [];
    const users = validated(raw, isSessionData, (line) => warnings.push(line));
    raw.write('1', null);
    raw.write('2', 'x');
    raw.write('3', { lang: 'de' });
    raw.write('4', { lang: 'kk' });
    raw.write('5', ['en']);
    expect(await Promise.all(['1', '2', '3', '4', '5'].map((k) => users.read(k)))).toEqual([
      undefined,
      undefined,
      undefined,
      { lang: 'kk' },
      undefined,
    ]);
    expect(await Promise.all(['1', '2', '3', '5'].map((k) => users.read(k)))).toEqual([undefined, undefined, undefined, undefined]);
    expect(warnings).toEqual([
      'session 1 holds null, not a valid session: it is reset',
      'session 2 holds "x", not a valid session: it is reset',
      'session 3 holds {"lang":"de"}, not a valid session: it is reset',
      'session 5 holds ["en"], not a valid session: it is reset',
    ]);
    expect([raw.has('1'), raw.has('4')]).toEqual([false, true]);
  });

  it('treats a read that throws as a damaged entry', async () => {
    const warnings: string[] = [];
    const broken = {
      read: () => {
        throw new Error('bad msgpack');
      },
      write: () => undefined,
      delete: () => undefined,
    };
    expect(await validated(broken, isSessionData, (line) => warnings.push(line)).read('9')).toBeUndefined();
    expect(warnings).toEqual(['session 9 cannot be read (bad msgpack): it is reset']);
  });
});
