import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from '../../src/embedding/transformers.js';
import { IndexError } from '../../src/errors.js';
import { openService, retrievalSettings } from '../../src/setup.js';

const TINY = fileURLToPath(new URL('../fixtures/tiny-model', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tiny-index-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const settings = (env: Record<string, string>) => retrievalSettings({ MODEL_CACHE_DIR: join(tmp, 'cache'), ...env });

describe('openService with the transformers embedder (tiny offline model)', () => {
  const indexDir = join(tmp, 'tiny', 'article');
  const tinyEnv = { EMBEDDER: 'transformers', EMBEDDING_MODEL: TINY, ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: indexDir };

  it('builds an index recording model, dimensions and prefixes, and answers from it', async () => {
    const notices: string[] = [];
    const { service, meta, rebuilt } = await openService(settings(tinyEnv), { log: (l) => notices.push(l) });
    expect(rebuilt).toBe(true);
    expect(meta.embedder).toEqual({
      id: 'transformers',
      dims: 32,
      settings: { model: TINY, quantized: true, pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '' },
    });
    expect(meta.abstention).toEqual({ kind: 'coverage', minCoverage: 0.34 });
    expect(JSON.parse(readFileSync(join(indexDir, 'meta.json'), 'utf8')).embedder.dims).toBe(32);
    const answer = await service.ask('What is the fourth finding?');
    expect(answer.answered).toBe(true);
    expect(answer.passages[0].section.id).toBe('results/finding-4');
    expect(answer.passages[0].lang).toBe('en');
  });

  it('loads the same index again without rebuilding it and gives the same top passages', async () => {
    const first = await openService(settings(tinyEnv), { log: () => undefined });
    const second = await openService(settings(tinyEnv), { log: () => undefined });
    expect(second.rebuilt).toBe(false);
    const q = 'Какой третий вывод исследования?';
    expect((await second.service.ask(q)).passages.map((p) => p.id)).toEqual((await first.service.ask(q)).passages.map((p) => p.id));
  });

  it('refuses the index for the lexical embedder with a message saying how to rebuild, and leaves it as it is', async () => {
    const before = readFileSync(join(indexDir, 'meta.json'), 'utf8');
    const err = await openService(settings({ EMBEDDER: 'lexical', INDEX_DIR: indexDir }), { log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe('mismatch');
    expect((err as Error).message).toContain('was built with embedder transformers (32 dims');
    expect((err as Error).message).toContain('but the config asks for lexical-v1 (1024 dims');
    expect((err as Error).message).toContain(`run \`npm run build:index\` with INDEX_DIR=${indexDir}`);
    expect(readFileSync(join(indexDir, 'meta.json'), 'utf8')).toBe(before);
  });
});

describe('openService without the model', () => {
  it('falls back from auto to the lexical embedder with one notice when downloads are off', async () => {
    const notices: string[] = [];
    const { meta } = await openService(
      settings({ EMBEDDER: 'auto', ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: join(tmp, 'auto', 'article') }),
      { log: (l) => notices.push(l) },
    );
    expect(meta.embedder.id).toBe('lexical-v1');
    expect(notices.filter((n) => n.startsWith('notice:'))).toEqual([
      'notice: model Xenova/multilingual-e5-small is not available locally and downloads are off: using the offline lexical embedder',
    ]);
  });

  it('fails fast for transformers with a remote model id when downloads are off, saying how to provide the model', async () => {
    const started = Date.now();
    const err = await openService(
      settings({ EMBEDDER: 'transformers', ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: join(tmp, 'none', 'article') }),
      { log: () => undefined },
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect((err as Error).message).toContain('set EMBEDDING_MODEL to its path');
  });
});
