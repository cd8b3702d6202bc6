import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkSections, type Chunk } from '../../src/chunking/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import type { Embedder } from '../../src/embedding/types.js';
import { IndexError } from '../../src/errors.js';
import { buildIndex, checkMeta, INDEX_FORMAT_VERSION, loadIndex, readMeta, type IndexMeta } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const chunks = chunkSections(corpus.sections);
const embedder = createLexicalEmbedder(corpus.glossary);
const expectation = { corpusHash: corpus.hash, embedder };
const abstention = { ...DEFAULT_ABSTENTION };

const root = mkdtempSync(join(tmpdir(), 'index-store-'));
const dir = join(root, 'built', 'article');
let meta: IndexMeta;
let started: number;
let finished: number;
let passageVectors: number[][];

beforeAll(async () => {
  passageVectors = await embedder.embedPassages(chunks.map((c) => c.text));
  started = Date.now();
  meta = await buildIndex(chunks, embedder, corpus.hash, dir, { abstention });
  finished = Date.now();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A copy of the built index folder, alone in a fresh parent folder. */
function indexCopy(): string {
  const copy = join(root, `copy-${++copies}`, 'article');
  cpSync(dir, copy, { recursive: true });
  return copy;
}
const errorOf = (f: () => unknown): IndexError => {
  try {
    f();
  } catch (err) {
    return err as IndexError;
  }
  throw new Error('expected a throw');
};
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const QUESTIONS = [
  'What is the fourth finding?',
  'кибершабуылдар',
  'Правовой статус искусственного интеллекта',
  'Jasandy intellekt turaly zań',
];

describe('buildIndex', () => {
  it('returns the meta it writes: format, embedder, corpus hash, chunk count, build time, HNSW settings, abstention', () => {
    expect(meta).toEqual({
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: 'lexical-v1', dims: 1024, settings: embedder.settings },
      corpusHash: corpus.hash,
      chunkCount: chunks.length,
      builtAt: meta.builtAt,
      buildSeconds: meta.buildSeconds,
      hnsw: { space: 'cosine', M: 16, efConstruction: 200, efSearch: 100 },
      vectorsSha256: createHash('sha256')
        .update(readFileSync(join(dir, 'vectors.hnsw')))
        .digest('hex'),
      abstention,
    });
    expect(INDEX_FORMAT_VERSION).toBe(1);
    expect(readMeta(dir)).toEqual(meta);
  });

  it('returns builtAt as the ISO time of the build and buildSeconds in seconds', () => {
    expect(meta.builtAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(meta.builtAt)).toBeGreaterThanOrEqual(started);
    expect(Date.parse(meta.builtAt)).toBeLessThanOrEqual(finished);
    expect(meta.buildSeconds).toBeGreaterThanOrEqual(0);
    expect(meta.buildSeconds).toBeLessThanOrEqual((finished - started) / 1000 + 0.001);
  });

  it('returns a folder holding exactly the meta, the chunks and the vectors, and nothing beside it', () => {
    expect(readdirSync(dir).sort()).toEqual(['chunks.json', 'meta.json', 'vectors.hnsw']);
    expect(readdirSync(join(root, 'built'))).toEqual(['article']);
    expect(JSON.parse(readFileSync(join(dir, 'chunks.json'), 'utf8'))).toEqual(chunks);
  });

  it('replaces an existing index and leaves no temporary folder behind', async () => {
    const copy = indexCopy();
    const again = await buildIndex(chunks.slice(0, 5), embedder, corpus.hash, copy, { abstention });
    expect(again.chunkCount).toBe(5);
    expect(loadIndex(copy, expectation).chunks).toHaveLength(5);
    expect(readdirSync(join(copy, '..'))).toEqual(['article']);
  });

  it('leaves the previous index loadable and no temporary folder when the embedder throws midway', async () => {
    const copy = indexCopy();
    let batches = 0;
    const failing: Embedder = {
      ...embedder,
      embedPassages: async (texts) => {
        batches += 1;
        if (batches === 3) throw new Error('embedder crashed');
        return embedder.embedPassages(texts);
      },
    };
    await expect(buildIndex(chunks, failing, corpus.hash, copy, { abstention })).rejects.toThrow('embedder crashed');
    expect(batches).toBe(3);
    expect(readdirSync(join(copy, '..'))).toEqual(['article']);
    const loaded = loadIndex(copy, expectation);
    expect(loaded.meta).toEqual(meta);
    expect(loaded.chunks).toHaveLength(chunks.length);
  });

  it('leaves the previous index loadable and removes its temporary folder when writing fails', async () => {
    const copy = indexCopy();
    const unwritable = [...chunks.slice(0, 3), { ...chunks[3], position: 10n } as unknown as Chunk];
    await expect(buildIndex(unwritable, embedder, corpus.hash, copy, { abstention })).rejects.toThrow(TypeError);
    expect(readdirSync(join(copy, '..'))).toEqual(['article']);
    expect(loadIndex(copy, expectation).meta).toEqual(meta);
  });
});

describe('loadIndex', () => {
  it('returns the chunks and a graph whose top-k equals the exact top-k of the vectors before saving', async () => {
    const loaded = loadIndex(dir, expectation);
    expect(loaded.meta).toEqual(meta);
    expect(loaded.chunks).toEqual(chunks);
    const queries = await embedder.embedQueries(QUESTIONS);
    for (const q of queries) {
      const exact = passageVectors
        .map((v, i) => ({ i, d: 1 - cosine(q, v) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 10);
      const found = loaded.hnsw.searchKnn(q, 10);
      expect(found.neighbors).toHaveLength(10);
      found.distances.forEach((d, k) => {
        expect(d).toBeCloseTo(exact[k].d, 5);
        expect(d).toBeCloseTo(1 - cosine(q, passageVectors[found.neighbors[k]]), 5);
      });
    }
  });

  it('returns the same neighbours from a copy of the folder', async () => {
    const a = loadIndex(dir, expectation);
    const b = loadIndex(indexCopy(), expectation);
    for (const q of await embedder.embedQueries(QUESTIONS)) expect(b.hnsw.searchKnn(q, 8)).toEqual(a.hnsw.searchKnn(q, 8));
  });

  it('throws IndexError kind missing for a folder that does not exist', () => {
    const missing = join(root, 'nothing-here');
    const err = errorOf(() => loadIndex(missing, expectation));
    expect(err).toBeInstanceOf(IndexError);
    expect(err.kind).toBe('missing');
    expect(err.dir).toBe(missing);
    expect(err.message).toBe(
      `index at ${missing} does not exist or has no meta.json: run \`npm run build:index\` with INDEX_DIR=${missing}`,
    );
  });

  it('throws IndexError kind corrupt for a truncated vectors.hnsw', () => {
    const copy = indexCopy();
    const path = join(copy, 'vectors.hnsw');
    truncateSync(path, Math.floor(readFileSync(path).length / 2));
    const err = errorOf(() => loadIndex(copy, expectation));
    expect(err.kind).toBe('corrupt');
    expect(err.message).toBe(
      `index at ${copy} has a damaged or truncated vectors.hnsw: run \`npm run build:index\` with INDEX_DIR=${copy}`,
    );
  });

  it('throws IndexError kind corrupt for a vectors.hnsw with one changed byte', () => {
    const copy = indexCopy();
    const path = join(copy, 'vectors.hnsw');
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(path, bytes);
    expect(errorOf(() => loadIndex(copy, expectation)).message).toContain('has a damaged or truncated vectors.hnsw');
  });

  it('throws IndexError kind corrupt for a missing vectors file, a bad meta or chunks that do not match', () => {
    const noVectors = indexCopy();
    rmSync(join(noVectors, 'vectors.hnsw'));
    expect(errorOf(() => loadIndex(noVectors, expectation))).toMatchObject({
      kind: 'corrupt',
      message: expect.stringContaining('is missing vectors.hnsw or has an unreadable chunks.json'),
    });

    const badMeta = indexCopy();
    writeFileSync(join(badMeta, 'meta.json'), '{"formatVersion": 1, ');
    expect(errorOf(() => loadIndex(badMeta, expectation))).toMatchObject({
      kind: 'corrupt',
      message: expect.stringContaining('has an unreadable meta.json'),
    });

    const fewer = indexCopy();
    writeFileSync(join(fewer, 'chunks.json'), JSON.stringify(chunks.slice(1)));
    expect(errorOf(() => loadIndex(fewer, expectation))).toMatchObject({
      kind: 'corrupt',
      message: expect.stringContaining('has chunks.json that does not match meta.json'),
    });
  });

  it('throws IndexError kind stale for an index of another corpus', () => {
    const err = errorOf(() => loadIndex(dir, { ...expectation, corpusHash: '0'.repeat(64) }));
    expect(err.kind).toBe('stale');
    expect(err.message).toBe(
      `index at ${dir} was built from another version of the corpus: run \`npm run build:index\` with INDEX_DIR=${dir}`,
    );
  });

  it('throws IndexError kind stale for another format version', () => {
    const copy = indexCopy();
    writeFileSync(join(copy, 'meta.json'), JSON.stringify({ ...meta, formatVersion: INDEX_FORMAT_VERSION + 1 }));
    const err = errorOf(() => loadIndex(copy, expectation));
    expect(err.kind).toBe('stale');
    expect(err.message).toContain(
      `has format version ${INDEX_FORMAT_VERSION + 1} but this program reads version ${INDEX_FORMAT_VERSION}: run \`npm run build:index\``,
    );
    expect(errorOf(() => readMeta(copy)).kind).toBe('stale');
  });

  it('throws IndexError kind mismatch naming both embedders for other embedder settings', () => {
    const other = createLexicalEmbedder(corpus.glossary, { conceptWeight: 2 });
    const err = errorOf(() => loadIndex(dir, { corpusHash: corpus.hash, embedder: other }));
    expect(err.kind).toBe('mismatch');
    expect(err.message).toBe(
      `index at ${dir} was built with embedder lexical-v1 (1024 dims, ${JSON.stringify(embedder.settings)}) ` +
        `but the config asks for lexical-v1 (1024 dims, ${JSON.stringify(other.settings)}): run \`npm run build:index\` with ` +
        `INDEX_DIR=${dir}`,
    );
  });

  it('throws IndexError kind mismatch for another embedder id or dims', () => {
    const transformers = { id: 'transformers', dims: 384, settings: { model: 'Xenova/multilingual-e5-small' } };
    const err = errorOf(() => loadIndex(dir, { corpusHash: corpus.hash, embedder: transformers }));
    expect(err.kind).toBe('mismatch');
    expect(err.message).toContain('was built with embedder lexical-v1 (1024 dims, ');
    expect(err.message).toContain('but the config asks for transformers (384 dims, {"model":"Xenova/multilingual-e5-small"})');
    expect(err.message).toContain('npm run build:index');
    expect(
      errorOf(() => loadIndex(dir, { corpusHash: corpus.hash, embedder: createLexicalEmbedder(corpus.glossary, { dims: 512 }) })).kind,
    ).toBe('mismatch');
  });
});

describe('readMeta', () => {
  it('throws IndexError kind missing for a folder without meta.json', () => {
    const err = errorOf(() => readMeta(root));
    expect(err).toBeInstanceOf(IndexError);
    expect(err.kind).toBe('missing');
  });

  it('throws IndexError kind corrupt for a meta.json whose abstention rule is malformed', () => {
    const copy = indexCopy();
    writeFileSync(join(copy, 'meta.json'), JSON.stringify({ ...meta, abstention: { kind: 'coverage' } }));
    expect(errorOf(() => readMeta(copy))).toMatchObject({
      kind: 'corrupt',
      message: expect.stringContaining('has a meta.json with missing or malformed fields'),
    });
  });

  it('throws IndexError kind corrupt for a meta.json that holds null', () => {
    const copy = indexCopy();
    writeFileSync(join(copy, 'meta.json'), 'null\n');
    expect(errorOf(() => readMeta(copy))).toBeInstanceOf(IndexError);
  });
});

describe('checkMeta', () => {
  it('returns nothing for a meta that fits, and checks the corpus before the embedder', () => {
    expect(checkMeta(dir, meta, expectation)).toBeUndefined();
    const transformers = { id: 'transformers', dims: 384, settings: {} };
    expect(errorOf(() => checkMeta(dir, meta, { corpusHash: 'x', embedder: transformers })).kind).toBe('stale');
  });
});

describe('IndexError', () => {
  it('returns a message without INDEX_DIR for the default folder', () => {
    const err = new IndexError('missing', '/srv/bot/index/article', 'does not exist or has no meta.json');
    expect(err.message).toBe('index at /srv/bot/index/article does not exist or has no meta.json: run `npm run build:index`');
    expect(err.name).toBe('IndexError');
  });
});
