import { describe, expect, it } from 'vitest';
import { BoundedMemoryStorage } from '../../src/dialogue/memory-storage.js';

describe('BoundedMemoryStorage', () => {
  it('holds at most maxEntries with 20,000 users, keeping the most recent ones', () => {
    let now = 0;
    const storage = new BoundedMemoryStorage<{ n: number }>({ ttlMs: 30 * 60_000, maxEntries: 5000, now: () => now });
    for (let user = 0; user < 20_000; user++) {
      now += 1;
      storage.write(String(user), { n: user });
    }
    expect(storage.size).toBe(5000);
    expect(storage.read('14999')).toBeUndefined();
    expect(storage.read('15000')).toEqual({ n: 15000 });
    expect(storage.read('19999')).toEqual({ n: 19999 });
  });

  it('drops entries idle longer than ttlMs on the next write, so idle users do not pile up', () => {
    let now = 0;
    const storage = new BoundedMemoryStorage<number>({ ttlMs: 1000, now: () => now });
    for (let user = 0; user < 20_000; user++) storage.write(String(user), user);
    expect(storage.size).toBe(10_000);
    now = 1001;
    expect(storage.read('19999')).toBeUndefined();
    storage.write('late', 1);
    expect(storage.size).toBe(1);
  });

  it('returns copies, and forgets a deleted key', () => {
    const storage = new BoundedMemoryStorage<{ a: number[] }>();
    const value = { a: [1] };
    storage.write('k', value);
    value.a.push(2);
    expect(storage.read('k')).toEqual({ a: [1] });
    storage.delete('k');
    expect(storage.read('k')).toBeUndefined();
  });
});
