/**
 * The last step of building the index swaps the new folder in by two renames (old index aside,
 * new one in). A failure of the second rename must leave the previous index where it was.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadRetrievalConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { buildIndex, loadIndex } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, default: real, renameSync: vi.fn(real.renameSync) };
});

const corpus = loadCorpus(loadRetrievalConfig({ EMBEDDER: 'lexical' }).corpusDir);
const embedder = createLexicalEmbedder(corpus.glossary);
const chunks = chunkSections(corpus.sections);
const options = () => ({ abstention: { ...DEFAULT_ABSTENTION } });
let root: string | undefined;
afterEach(() => {
  vi.mocked(fs.renameSync).mockReset();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('buildIndex swapping the new index in', () => {
  it('puts the previous index back when moving the new one into place fails', async () => {
    root = mkdtempSync(join(tmpdir(), 'reliability-swap-'));
    const dir = join(root, 'article');
    const meta = await buildIndex(chunks, embedder, corpus.hash, dir, options());
    const realRename = (await vi.importActual<typeof import('node:fs')>('node:fs')).renameSync;
    let renames = 0;
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      renames += 1;
      if (renames === 2) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
      return realRename(from, to);
    });
    await expect(buildIndex(chunks, embedder, corpus.hash, dir, options())).rejects.toThrow(/^EIO: i\/o error, rename/);
    expect(readdirSync(root)).toEqual(['article']);
    expect(renames).toBe(3); // aside, (failed) in, back
    expect(loadIndex(dir, { corpusHash: corpus.hash, embedder }).meta).toEqual(meta);
  });
});
