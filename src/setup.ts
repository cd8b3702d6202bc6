import { chunkSections } from './chunking/chunk.js';
import { loadCorpus, type Corpus } from './corpus/load.js';
import { createLexicalEmbedder, LEXICAL_EMBEDDER_ID } from './embedding/lexical.js';
import { createModelProgressHandler, createProgressBar, type BarStream } from './embedding/progress.js';
import {
  createTransformersEmbedder,
  isModelAvailableLocally,
  ModelUnavailableError,
  TRANSFORMERS_EMBEDDER_ID,
} from './embedding/transformers.js';
import type { Embedder } from './embedding/types.js';
import { IndexError } from './errors.js';
import { loadRetrievalConfig, PROJECT_ROOT, type RetrievalConfig } from './config.js';
import { assertReplaceableIndexDir, cleanLeftovers } from './index/owned.js';
import { buildIndex, loadIndex, readMeta, type IndexMeta } from './index/store.js';
import { DEFAULT_ABSTENTION } from './retrieval/abstain.js';
import { createArticleService } from './retrieval/service.js';
import type { ArticleService } from './retrieval/types.js';

/** What retrieval needs from the environment (read and validated by `loadRetrievalConfig` in config.ts). */
export type RetrievalSettings = RetrievalConfig;

/** Reads the retrieval settings from environment variables; see `loadRetrievalConfig`. @throws ConfigError. */
export const retrievalSettings = (env: NodeJS.ProcessEnv, root = PROJECT_ROOT): RetrievalSettings => loadRetrievalConfig(env, root);

/** Where progress and notices go (stderr in the CLI, the logger in the bot). */
export type Log = (line: string) => void;

/**
 * Creates the embedder the settings ask for. `auto` takes the transformers model when it is present
 * locally or can be downloaded, else the lexical embedder with one notice.
 * @throws ModelUnavailableError for `transformers` when the model can be neither found nor downloaded.
 */
export async function createEmbedder(settings: RetrievalSettings, corpus: Corpus, log: Log): Promise<Embedder> {
  if (settings.embedder === 'lexical') return createLexicalEmbedder(corpus.glossary);
  const open = () =>
    createTransformersEmbedder({
      model: settings.model,
      allowRemote: settings.allowRemote,
      cacheDir: settings.cacheDir,
      onProgress: createModelProgressHandler(process.stderr, `Loading ${settings.model}`),
    });
  if (settings.embedder === 'transformers') return open();
  if (!settings.allowRemote && !isModelAvailableLocally(settings.model, settings.cacheDir)) {
    log(`notice: model ${settings.model} is not available locally and downloads are off: using the offline lexical embedder`);
    return createLexicalEmbedder(corpus.glossary);
  }
  try {
    return await open();
  } catch (err) {
    if (!(err instanceof ModelUnavailableError)) throw err;
    log(
      `notice: model ${settings.model} is neither in ${settings.cacheDir} nor downloadable from here: using the offline lexical embedder ` +
        `(set EMBEDDER=lexical to skip this check)`,
    );
    return createLexicalEmbedder(corpus.glossary);
  }
}

export interface Opened {
  service: ArticleService;
  meta: IndexMeta;
  rebuilt: boolean;
}

/**
 * Chunks the corpus and writes the index for it; embedding progress is drawn as a bar on `progress`
 * when that stream is a terminal (nothing otherwise).
 */
export async function build(
  settings: RetrievalSettings,
  corpus: Corpus,
  embedder: Embedder,
  progress: BarStream = process.stderr,
): Promise<IndexMeta> {
  const chunks = chunkSections(corpus.sections);
  const bar = createProgressBar(progress, 'Embedding', { items: 'passages' });
  const meta = await buildIndex(chunks, embedder, corpus.hash, settings.indexDir, {
    abstention: { ...DEFAULT_ABSTENTION },
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.done();
  return meta;
}

/**
 * The embedder `EMBEDDER=auto` chose when the index in `indexDir` was built, as its meta.json
 * records it; undefined when there is no readable index (the choice is then made, and the index built, now).
 */
export function recordedEmbedder(indexDir: string): 'lexical' | 'transformers' | undefined {
  let id: string;
  try {
    id = readMeta(indexDir).embedder.id;
  } catch {
    return undefined;
  }
  return id === LEXICAL_EMBEDDER_ID ? 'lexical' : id === TRANSFORMERS_EMBEDDER_ID ? 'transformers' : undefined;
}

/**
 * Under `EMBEDDER=auto`: the embedder the existing index was built with (no check whether the model
 * can be downloaded, no notice), else, or when that model is gone, the one available now.
 */
async function openEmbedder(settings: RetrievalSettings, corpus: Corpus, log: Log): Promise<Embedder> {
  const recorded = settings.embedder === 'auto' ? recordedEmbedder(settings.indexDir) : undefined;
  if (recorded === 'lexical') return createLexicalEmbedder(corpus.glossary);
  if (recorded === 'transformers') {
    try {
      return await createEmbedder({ ...settings, embedder: 'transformers' }, corpus, log);
    } catch (err) {
      if (!(err instanceof ModelUnavailableError)) throw err;
    }
  }
  return createEmbedder(settings, corpus, log);
}

/**
 * Opens the article service: loads the corpus, the embedder and the index; with `rebuild: 'auto'`
 * a missing, stale or corrupt index is rebuilt (and said so through `log`).
 * Under `EMBEDDER=auto` the embedder is the one recorded in the index when it was built (decided
 * then, see `openEmbedder`); an index built with other settings is rebuilt; with an embedder named
 * explicitly it is refused.
 * @throws IndexError for an index built with another embedder than an explicitly named one (kind
 * `mismatch`), and for any index problem with `rebuild: 'never'`; PathError when the index must be
 * rebuilt but INDEX_DIR holds other files or is read-only; CorpusError and the other corpus errors always.
 */
export async function openService(settings: RetrievalSettings, options: { log: Log; rebuild?: 'auto' | 'never' }): Promise<Opened> {
  const { log, rebuild = 'auto' } = options;
  const corpus = loadCorpus(settings.corpusDir);
  const embedder = await openEmbedder(settings, corpus, log);
  let rebuilt = false;
  let index: ReturnType<typeof loadIndex>;
  for (const line of cleanLeftovers(settings.indexDir)) log(`index: ${line}`);
  try {
    index = loadIndex(settings.indexDir, { corpusHash: corpus.hash, embedder });
  } catch (err) {
    // a mismatch against an embedder the user chose is refused (not overwritten); under `auto` the choice
    // follows what is available (the model appeared, or the network went away), so the index follows it
    if (!(err instanceof IndexError) || rebuild === 'never' || (err.kind === 'mismatch' && settings.embedder !== 'auto')) throw err;
    assertReplaceableIndexDir(settings.indexDir); // refused before anything is said or done
    log(`index at ${err.dir} ${err.detail}: rebuilding it now`);
    await build(settings, corpus, embedder);
    index = loadIndex(settings.indexDir, { corpusHash: corpus.hash, embedder });
    rebuilt = true;
  }
  const service = createArticleService({ index, embedder, glossary: corpus.glossary });
  return { service, meta: index.meta, rebuilt };
}
