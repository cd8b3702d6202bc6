import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Chunk } from '../chunking/chunk.js';
import type { Embedder } from '../embedding/types.js';
import { IndexError } from '../errors.js';
import { assertReplaceableIndexDir, claimSibling, cleanLeftovers, releaseSibling } from './owned.js';
import { isAbstentionRule, type AbstentionRule } from './abstention-rule.js';

/** Bump when the files of an index folder change shape: older folders are refused and rebuilt. */
export const INDEX_FORMAT_VERSION = 1;
const FILES = { meta: 'meta.json', chunks: 'chunks.json', vectors: 'vectors.hnsw' } as const;

export interface IndexMeta {
  formatVersion: number;
  embedder: { id: string; dims: number; settings: Record<string, unknown> };
  corpusHash: string;
  chunkCount: number;
  /** ISO time of the build. */
  builtAt: string;
  buildSeconds: number;
  hnsw: { space: 'cosine'; M: number; efConstruction: number; efSearch: number };
  /** sha256 of vectors.hnsw: a truncated or damaged file is refused before hnswlib reads it. */
  vectorsSha256: string;
  /** The rule that decides "the article does not say", calibrated for this embedder. */
  abstention: AbstentionRule;
}

export interface LoadedIndex {
  meta: IndexMeta;
  chunks: Chunk[];
  hnsw: hnswlib.HierarchicalNSW;
}

export interface BuildOptions {
  M?: number; // defaults to 16
  efConstruction?: number; // defaults to 200
  efSearch?: number; // defaults to 100
  abstention: AbstentionRule;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Embeds the chunks and writes an index folder: everything goes to a temporary sibling folder
 * first, which then replaces `dir` by two renames (old → `.old-*`, new → `dir`). A crash while
 * writing leaves the old index intact; a failed rename puts it back; only a crash between the two
 * renames leaves no `dir` (the next build puts the old one back; see `cleanLeftovers`).
 * Only a folder the project wrote is ever replaced: missing, empty, or holding index files alone.
 * ```ts
 * const meta = await buildIndex(chunks, embedder, corpus.hash, 'index/article', { abstention });
 * ```
 * @throws PathError (before any work) when `dir` holds other files, is a file, or is read-only.
 */
export async function buildIndex(
  chunks: Chunk[],
  embedder: Embedder,
  corpusHash: string,
  dir: string,
  options: BuildOptions,
): Promise<IndexMeta> {
  const { M = 16, efConstruction = 200, efSearch = 100, abstention, onProgress } = options;
  cleanLeftovers(dir);
  assertReplaceableIndexDir(dir);
  const started = performance.now();
  const hnsw = new hnswlib.HierarchicalNSW('cosine', embedder.dims);
  hnsw.initIndex(Math.max(1, chunks.length), M, efConstruction, 42);
  const batch = 32;
  for (let i = 0; i < chunks.length; i += batch) {
    const vectors = await embedder.embedPassages(chunks.slice(i, i + batch).map((c) => c.text));
    for (const [k, v] of vectors.entries()) hnsw.addPoint(Array.from(v), i + k);
    onProgress?.(Math.min(chunks.length, i + batch), chunks.length);
  }
  const tmp = claimSibling(dir, 'tmp');
  try {
    mkdirSync(tmp);
    hnsw.writeIndexSync(join(tmp, FILES.vectors));
    writeFileSync(join(tmp, FILES.chunks), JSON.stringify(chunks));
    const meta: IndexMeta = {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: embedder.id, dims: embedder.dims, settings: embedder.settings },
      corpusHash,
      chunkCount: chunks.length,
      builtAt: new Date().toISOString(),
      buildSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      hnsw: { space: 'cosine', M, efConstruction, efSearch },
      vectorsSha256: sha256(readFileSync(join(tmp, FILES.vectors))),
      abstention,
    };
    writeFileSync(join(tmp, FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
    swapInto(tmp, dir);
    return meta;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    releaseSibling(tmp);
  }
}

function swapInto(tmp: string, dir: string): void {
  assertReplaceableIndexDir(dir); // again: the folder may have changed while the passages were embedded
  const old = claimSibling(dir, 'old');
  try {
    moveIn(tmp, dir, old);
  } finally {
    releaseSibling(old);
  }
}

function moveIn(tmp: string, dir: string, old: string): void {
  const hadIndex = existsSync(dir);
  if (hadIndex) renameSync(dir, old);
  try {
    renameSync(tmp, dir);
  } catch (err) {
    if (hadIndex) renameSync(old, dir); // the previous index goes back where it was
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}

/** The fields the service reads of every chunk; anything else in chunks.json is damage. */
function isChunk(c: unknown): c is Chunk {
  const x = c as Partial<Chunk> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    typeof x.sectionId === 'string' &&
    typeof x.lang === 'string' &&
    typeof x.text === 'string' &&
    typeof x.sourceText === 'string' &&
    typeof x.position === 'number' &&
    typeof x.official === 'boolean'
  );
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads only the meta file (cheap staleness checks). Throws IndexError when missing or unreadable. */
export function readMeta(dir: string): IndexMeta {
  const path = join(dir, FILES.meta);
  if (!existsSync(path)) throw new IndexError('missing', dir, 'does not exist or has no meta.json');
  let meta: IndexMeta;
  try {
    meta = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new IndexError('corrupt', dir, 'has an unreadable meta.json');
  }
  if (!isMetaShaped(meta)) throw new IndexError('corrupt', dir, 'has a meta.json with missing or malformed fields');
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexError('stale', dir, `has format version ${meta.formatVersion} but this program reads version ${INDEX_FORMAT_VERSION}`);
  }
  return meta;
}

/**
 * Loads an index folder and checks it against what the caller expects.
 * @throws IndexError kind `missing`, `corrupt` (bad or truncated file), `stale` (other corpus or
 * format) or `mismatch` (built with another embedder or settings than the config asks for).
 */
export function loadIndex(dir: string, expect: { corpusHash: string; embedder: Pick<Embedder, 'id' | 'dims' | 'settings'> }): LoadedIndex {
  const meta = readMeta(dir);
  checkMeta(dir, meta, expect);
  let vectors: Buffer;
  let chunks: Chunk[];
  try {
    vectors = readFileSync(join(dir, FILES.vectors));
    chunks = JSON.parse(readFileSync(join(dir, FILES.chunks), 'utf8'));
  } catch {
    throw new IndexError('corrupt', dir, `is missing ${FILES.vectors} or has an unreadable ${FILES.chunks}`);
  }
  if (sha256(vectors) !== meta.vectorsSha256) throw new IndexError('corrupt', dir, `has a damaged or truncated ${FILES.vectors}`);
  if (!Array.isArray(chunks) || chunks.length !== meta.chunkCount || !chunks.every(isChunk))
    throw new IndexError('corrupt', dir, `has ${FILES.chunks} that does not match meta.json`);
  const hnsw = new hnswlib.HierarchicalNSW('cosine', meta.embedder.dims);
  hnsw.readIndexSync(join(dir, FILES.vectors));
  hnsw.setEf(meta.hnsw.efSearch);
  return { meta, chunks, hnsw };
}

/** Throws IndexError when the meta does not fit the corpus and embedder in use. */
export function checkMeta(
  dir: string,
  meta: IndexMeta,
  expect: { corpusHash: string; embedder: Pick<Embedder, 'id' | 'dims' | 'settings'> },
): void {
  if (meta.corpusHash !== expect.corpusHash) throw new IndexError('stale', dir, 'was built from another version of the corpus');
  const want = expect.embedder;
  if (
    meta.embedder.id !== want.id ||
    meta.embedder.dims !== want.dims ||
    JSON.stringify(meta.embedder.settings) !== JSON.stringify(want.settings)
  ) {
    throw new IndexError(
      'mismatch',
      dir,
      `was built with embedder ${meta.embedder.id} (${meta.embedder.dims} dims, ${JSON.stringify(meta.embedder.settings)}) but the ` +
        `config asks for ${want.id} (${want.dims} dims, ${JSON.stringify(want.settings)})`,
    );
  }
}

/** True when a parsed meta.json has every field loading relies on, of the right type. */
function isMetaShaped(m: unknown): m is IndexMeta {
  const meta = m as Partial<IndexMeta> | null;
  return (
    typeof meta === 'object' &&
    meta !== null &&
    typeof meta.formatVersion === 'number' &&
    typeof meta.embedder?.id === 'string' &&
    Number.isInteger(meta.embedder?.dims) &&
    typeof meta.embedder?.settings === 'object' &&
    typeof meta.corpusHash === 'string' &&
    Number.isInteger(meta.chunkCount) &&
    typeof meta.vectorsSha256 === 'string' &&
    typeof meta.hnsw?.efSearch === 'number' &&
    isAbstentionRule(meta.abstention)
  );
}
