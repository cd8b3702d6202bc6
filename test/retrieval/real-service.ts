/* The real article service over the real corpus, with the lexical embedder, in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { buildIndex, loadIndex } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';
import { createArticleService } from '../../src/retrieval/service.js';
import type { ArticleService } from '../../src/retrieval/types.js';

/** Builds the index in a new temp folder and opens the service; `close` removes the folder. */
export async function openRealService(): Promise<{ service: ArticleService; close: () => void }> {
  const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
  const root = mkdtempSync(join(tmpdir(), 'retrieval-real-'));
  const embedder = createLexicalEmbedder(corpus.glossary);
  const dir = join(root, 'article');
  await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
  const service = createArticleService({
    index: loadIndex(dir, { corpusHash: corpus.hash, embedder }),
    embedder,
    glossary: corpus.glossary,
  });
  return { service, close: () => rmSync(root, { recursive: true, force: true }) };
}
