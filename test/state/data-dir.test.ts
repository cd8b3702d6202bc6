import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { PathError } from '../../src/errors.js';
import { checkDataDir } from '../../src/state/data-dir.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const temp = () => (root = mkdtempSync(join(tmpdir(), 'data-dir-')));
const refusal = (fn: () => unknown): PathError => {
  try {
    fn();
  } catch (e) {
    return e as PathError;
  }
  throw new Error('expected a PathError');
};

describe('checkDataDir', () => {
  it("accepts (and creates) a missing folder, an empty one, and one holding only the store's files", () => {
    const dir = join(temp(), 'data');
    const indexDir = join(root, 'index', 'article');
    checkDataDir(dir, { indexDir });
    checkDataDir(dir, { indexDir });
    for (const f of ['sessions.json', 'sessions.json.12.3.tmp', 'state.mdb', 'state.mdb-lock', 'state.db-wal'])
      writeFileSync(join(dir, f), '');
    expect(() => checkDataDir(dir, { indexDir })).not.toThrow();
  });

  it('refuses the project folder and a folder of other files, changing nothing', () => {
    const indexDir = join(temp(), 'index');
    expect(refusal(() => checkDataDir(PROJECT_ROOT, { indexDir })).message).toMatch(
      new RegExp(
        `^DATA_DIR ${PROJECT_ROOT} holds files that are not the bot's \\(.+\\): nothing was changed; point DATA_DIR at a new or empty ` +
          `folder \\(default data\\)$`,
      ),
    );
    const photos = join(root, 'photos');
    mkdirSync(photos);
    writeFileSync(join(photos, 'cat.jpg'), '');
    expect(refusal(() => checkDataDir(photos, { indexDir })).message).toBe(
      `DATA_DIR ${photos} holds files that are not the bot's (cat.jpg): nothing was changed; point DATA_DIR at a new or empty folder ` +
        `(default data)`,
    );
  });

  it('refuses INDEX_DIR itself, a folder inside it, and one holding it', () => {
    const indexDir = join(temp(), 'index', 'article');
    const fix = "give the bot's data and the search index separate folders (defaults: data and index/article)";
    expect(refusal(() => checkDataDir(indexDir, { indexDir })).message).toBe(`DATA_DIR ${indexDir} overlaps INDEX_DIR ${indexDir}: ${fix}`);
    expect(refusal(() => checkDataDir(join(indexDir, 'data'), { indexDir })).message).toBe(
      `DATA_DIR ${join(indexDir, 'data')} overlaps INDEX_DIR ${indexDir}: ${fix}`,
    );
    expect(refusal(() => checkDataDir(join(root, 'index'), { indexDir })).message).toBe(
      `DATA_DIR ${join(root, 'index')} overlaps INDEX_DIR ${indexDir}: ${fix}`,
    );
    expect(() => checkDataDir(join(root, 'index-data'), { indexDir })).not.toThrow(); // a name that merely starts the same
  });
});
