// Tests of src/setup.ts (shared by the CLI and the bot), kept beside the CLI tests that exercise it end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexError, UserError } from '../../src/errors.js';
import { ConfigError } from '../../src/config.js';
import { openService, recordedEmbedder, retrievalSettings } from '../../src/setup.js';
import { loadCorpus } from '../../src/corpus/load.js';

const tmp = mkdtempSync(join(tmpdir(), 'setup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const errorOf = (f: () => unknown): Error => {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
};

describe('retrievalSettings', () => {
  it('returns the defaults relative to the project folder', () => {
    expect(retrievalSettings({}, '/proj')).toEqual({
      corpusDir: '/proj/corpus',
      indexDir: '/proj/index/article',
      embedder: 'auto',
      model: 'Xenova/multilingual-e5-small',
      allowRemote: true,
      cacheDir: '/proj/.cache/models',
    });
  });

  it('returns the values of the environment, relative paths resolved against the project folder', () => {
    expect(
      retrievalSettings(
        {
          CORPUS_DIR: 'data/corpus',
          INDEX_DIR: '/srv/index',
          EMBEDDER: ' lexical ',
          EMBEDDING_MODEL: 'm',
          ALLOW_REMOTE_MODELS: 'FALSE',
          MODEL_CACHE_DIR: 'cache',
        },
        '/proj',
      ),
    ).toEqual({
      corpusDir: '/proj/data/corpus',
      indexDir: '/srv/index',
      embedder: 'lexical',
      model: 'm',
      allowRemote: false,
      cacheDir: '/proj/cache',
    });
  });

  it('returns the defaults for empty values', () => {
    expect(retrievalSettings({ EMBEDDER: '', CORPUS_DIR: '', ALLOW_REMOTE_MODELS: '' }, '/proj')).toMatchObject({
      embedder: 'auto',
      corpusDir: '/proj/corpus',
      allowRemote: true,
    });
  });

  it('returns allowRemote false only for false, 0 and no', () => {
    const remote = (v: string) => retrievalSettings({ ALLOW_REMOTE_MODELS: v }, '/proj').allowRemote;
    expect(['false', '0', 'no', ' No '].map(remote)).toEqual([false, false, false, false]);
    expect(['true', '1', 'yes', 'TRUE'].map(remote)).toEqual([true, true, true, true]);
  });

  it('throws ConfigError naming the variable, its value and the allowed values', () => {
    const embedder = errorOf(() => retrievalSettings({ EMBEDDER: 'bert' }, '/proj'));
    expect(embedder).toBeInstanceOf(ConfigError);
    expect(embedder).toBeInstanceOf(UserError);
    expect(embedder.name).toBe('ConfigError');
    expect(embedder.message).toContain('EMBEDDER="bert" is not one of lexical, transformers, auto');
    expect(embedder.message).toContain('.env.example');
    const remote = errorOf(() => retrievalSettings({ ALLOW_REMOTE_MODELS: 'maybe' }, '/proj'));
    expect(remote).toBeInstanceOf(ConfigError);
    expect(remote.message).toContain('ALLOW_REMOTE_MODELS="maybe" must be true or false');
  });
});

describe('openService', () => {
  const settings = (indexDir: string) => retrievalSettings({ EMBEDDER: 'lexical', INDEX_DIR: indexDir });

  it('returns a service over a freshly built index when the index is missing, and says so once', async () => {
    const dir = join(tmp, 'fresh', 'article');
    const log: string[] = [];
    const first = await openService(settings(dir), { log: (l) => log.push(l) });
    expect(first.rebuilt).toBe(true);
    expect(log).toEqual([`index at ${dir} does not exist or has no meta.json: rebuilding it now`]);
    expect(first.meta.embedder.id).toBe('lexical-v1');
    expect(first.meta.corpusHash).toBe(loadCorpus(settings(dir).corpusDir).hash);
    expect((await first.service.ask('What is the fourth finding?')).passages[0].id).toBe('en:results/finding-4:1');

    const again = await openService(settings(dir), { log: (l) => log.push(l) });
    expect(again.rebuilt).toBe(false);
    expect(again.meta).toEqual(first.meta);
    expect(log).toHaveLength(1);
  });

  it('with EMBEDDER=auto uses the embedder the index records: no model check, no notice, no rebuild', async () => {
    const dir = join(tmp, 'auto-recorded', 'article');
    expect(recordedEmbedder(dir)).toBeUndefined();
    const built = await openService(settings(dir), { log: () => undefined });
    expect(recordedEmbedder(dir)).toBe('lexical');
    const log: string[] = [];
    const auto = retrievalSettings({
      EMBEDDER: 'auto',
      ALLOW_REMOTE_MODELS: 'true',
      EMBEDDING_MODEL: 'nobody/no-such-model',
      MODEL_CACHE_DIR: join(tmp, 'no-models'),
      INDEX_DIR: dir,
    });
    const opened = await openService(auto, { log: (l) => log.push(l) });
    expect(log).toEqual([]);
    expect(opened.rebuilt).toBe(false);
    expect(opened.meta).toEqual(built.meta);
  });

  it('throws IndexError kind missing without rebuilding when asked never to rebuild', async () => {
    const dir = join(tmp, 'never', 'article');
    const err = await openService(settings(dir), { log: () => {}, rebuild: 'never' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe('missing');
  });

  it('throws IndexError kind mismatch for an index built with other embedder settings, leaving it as it is', async () => {
    const dir = join(tmp, 'mismatch', 'article');
    await openService(settings(dir), { log: () => {} });
    const metaPath = join(dir, 'meta.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    meta.embedder.settings.gramWeight = 0.7;
    writeFileSync(metaPath, JSON.stringify(meta));
    const log: string[] = [];
    const err = await openService(settings(dir), { log: (l) => log.push(l) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe('mismatch');
    expect(log).toEqual([]);
    expect(JSON.parse(readFileSync(metaPath, 'utf8')).embedder.settings.gramWeight).toBe(0.7);
  });

  it('returns a rebuild notice naming the whole folder when its path has a colon', async () => {
    const dir = join(tmp, 'a:b', 'article');
    const log: string[] = [];
    await openService(settings(dir), { log: (l) => log.push(l) });
    expect(log).toEqual([`index at ${dir} does not exist or has no meta.json: rebuilding it now`]);
  });
});
