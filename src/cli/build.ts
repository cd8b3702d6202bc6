import { loadCorpus } from '../corpus/load.js';
import { build, createEmbedder, retrievalSettings } from '../setup.js';
import { helpAsked, runEntry } from '../entry.js';
import { log } from '../log.js';

const USAGE = 'usage: npm run build:index   (INDEX_DIR, CORPUS_DIR, EMBEDDER, EMBEDDING_MODEL: see .env.example)';

runEntry(import.meta.url, async () => {
  if (helpAsked(process.argv.slice(2), USAGE)) return 0;
  const settings = retrievalSettings(process.env);
  const corpus = loadCorpus(settings.corpusDir);
  const embedder = await createEmbedder(settings, corpus, log);
  const meta = await build(settings, corpus, embedder);
  log(
    `built ${meta.chunkCount} chunks with ${meta.embedder.id} (${meta.embedder.dims} dims) in ${meta.buildSeconds.toFixed(2)} s → ` +
      `${settings.indexDir}`,
  );
  return 0;
});
