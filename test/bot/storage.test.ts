import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/bot/storage.js';

const tmp = mkdtempSync(join(tmpdir(), 'storage-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('FileStorage.write', () => {
  it('does not store the empty initial session of a new user, but stores real settings', async () => {
    const file = join(tmp, 'sessions.json');
    const storage = await FileStorage.open<{ lang?: string }>(file);
    await storage.write('1', {});
    await storage.flush();
    expect(existsSync(file)).toBe(false);
    await storage.write('2', { lang: 'kk' });
    await storage.flush();
    expect(readFileSync(file, 'utf8')).toContain('"kk"');
    expect(storage.read('1')).toBeUndefined();
  });
});
