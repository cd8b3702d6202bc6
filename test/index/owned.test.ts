import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadRetrievalConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { PathError } from '../../src/errors.js';
import { assertReplaceableIndexDir, cleanLeftovers } from '../../src/index/owned.js';
import { buildIndex, loadIndex } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const temp = () => (root = mkdtempSync(join(tmpdir(), 'index-owned-')));
const put = (path: string, text = 'x') => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
const refusal = (fn: () => unknown): PathError => {
  try {
    fn();
  } catch (e) {
    return e as PathError;
  }
  throw new Error('expected a PathError');
};
/** A pid no process has (above the kernel's pid_max). */
const DEAD_PID = 4_194_999;

describe('assertReplaceableIndexDir', () => {
  it('accepts a missing folder, an empty one, and one holding index files only', () => {
    const dir = join(temp(), 'article');
    expect(() => assertReplaceableIndexDir(dir)).not.toThrow();
    mkdirSync(dir);
    expect(() => assertReplaceableIndexDir(dir)).not.toThrow();
    for (const f of ['meta.json', 'chunks.json', 'vectors.hnsw']) put(join(dir, f));
    expect(() => assertReplaceableIndexDir(dir)).not.toThrow();
  });

  it('refuses a folder holding anything else, naming the path, a few of the files and the fix', () => {
    const dir = join(temp(), 'notes');
    for (const f of ['meta.json', 'thesis.docx', 'a.txt', 'b.txt', 'c.txt']) put(join(dir, f));
    const err = refusal(() => assertReplaceableIndexDir(dir));
    expect(err).toBeInstanceOf(PathError);
    expect(err.message).toBe(
      `INDEX_DIR ${dir} holds files that are not a search index (a.txt, b.txt, c.txt, … 4 in all): nothing was changed; point INDEX_DIR ` +
        `at a new or empty folder (default index/article)`,
    );
  });

  it('refuses a file', () => {
    const file = join(temp(), 'article');
    put(file);
    expect(refusal(() => assertReplaceableIndexDir(file)).message).toBe(
      `INDEX_DIR ${file} is a file, not a folder: point INDEX_DIR at a new or empty folder (default index/article)`,
    );
  });
});

describe('buildIndex into a folder that is not an index', () => {
  it('refuses before embedding anything and leaves every file as it was', async () => {
    const dir = join(temp(), 'mine');
    put(join(dir, 'README.md'), 'my notes');
    put(join(dir, 'deep', 'data.csv'), '1,2');
    const corpus = loadCorpus(loadRetrievalConfig({}).corpusDir);
    let embedded = 0;
    const embedder = {
      ...createLexicalEmbedder(corpus.glossary),
      embedPassages: async () => {
        embedded++;
        return [];
      },
    };
    await expect(
      buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } }),
    ).rejects.toThrow(PathError);
    expect(embedded).toBe(0);
    expect([
      readdirSync(root),
      readdirSync(dir).sort(),
      readFileSync(join(dir, 'README.md'), 'utf8'),
      readFileSync(join(dir, 'deep', 'data.csv'), 'utf8'),
    ]).toEqual([['mine'], ['README.md', 'deep'], 'my notes', '1,2']);
  });
});

describe('cleanLeftovers', () => {
  it('removes the half-written folder of a crashed build and puts back the previous index when the folder is missing', async () => {
    const dir = join(temp(), 'article');
    const corpus = loadCorpus(loadRetrievalConfig({}).corpusDir);
    const embedder = createLexicalEmbedder(corpus.glossary);
    const meta = await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
    // a crash between the two renames: the index was moved aside, the new one never arrived
    const old = `article.old-${DEAD_PID}-1700000000000`;
    const tmp = `article.tmp-${DEAD_PID}-1700000000001`;
    const { renameSync } = await import('node:fs');
    renameSync(dir, join(root, old));
    put(join(root, tmp, 'vectors.hnsw'));
    expect(cleanLeftovers(dir).sort()).toEqual([
      `removed ${tmp} left by an interrupted build`,
      `restored the previous index from ${old} (a build was interrupted)`,
    ]);
    expect(readdirSync(root)).toEqual(['article']);
    expect(loadIndex(dir, { corpusHash: corpus.hash, embedder }).meta).toEqual(meta);
  });

  it('leaves alone the siblings of a running build, of other folders, and those holding other files', () => {
    const dir = join(temp(), 'article');
    const mine = [`article.tmp-${process.ppid}-1`, `other.tmp-${DEAD_PID}-1`, `article.tmp-${DEAD_PID}-2`, 'article.tmp-notes'];
    for (const name of mine) mkdirSync(join(root, name));
    put(join(root, `article.tmp-${DEAD_PID}-2`, 'diary.txt'));
    expect(cleanLeftovers(dir)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual([...mine].sort());
  });
});
