import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chunkSections } from '../src/chunking/chunk.js';
import { loadCorpus } from '../src/corpus/load.js';
import { formatAnswerHtml } from '../src/answer/format.js';
import { benchBot } from './bot.js';
import { bruteForceSearch, measure, miniSearchRetriever, serviceRetriever, type QualityRow, type Retriever } from './quality.js';
import { runScaling } from './scaling.js';
import { benchReplicas, formatReplicas } from './replicas.js';
import { benchState, formatState } from './state.js';
import { parseEvalSet } from '../src/eval/score.js';
import { loadIndex } from '../src/index/store.js';
import { createArticleService } from '../src/retrieval/service.js';
import { PROJECT_ROOT } from '../src/config.js';
import { build, createEmbedder, retrievalSettings } from '../src/setup.js';
import { writeReadmeSection } from '../src/cli/readme.js';
import { runEntry } from '../src/entry.js';
import { log } from '../src/log.js';

const USAGE = 'usage: npm run bench [-- --json] [--quick] [--no-readme]';

runEntry(import.meta.url, async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = args.includes('--quick');
  const settings = { ...retrievalSettings(process.env), indexDir: mkdtempSync(join(tmpdir(), 'bench-index-')) };
  try {
    const corpus = loadCorpus(settings.corpusDir);
    const embedder = await createEmbedder(settings, corpus, log);
    const rssBefore = process.memoryUsage().rss;
    const meta = await build(settings, corpus, embedder);
    const index = loadIndex(settings.indexDir, { corpusHash: corpus.hash, embedder });
    const ours = createArticleService({ index, embedder, glossary: corpus.glossary });
    const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const indexBytes = readdirSync(settings.indexDir).reduce((s, f) => s + statSync(join(settings.indexDir, f)).size, 0);
    log(
      `index: ${meta.chunkCount} chunks, ${(indexBytes / 1024).toFixed(0)} KiB, built in ${meta.buildSeconds} s; rss ${rssMB} MB (was ` +
        `${Math.round(rssBefore / 2 ** 20)} MB before the build)`,
    );

    const items = parseEvalSet(readFileSync(resolve(PROJECT_ROOT, 'test/eval/dev.jsonl'), 'utf8'), 'dev.jsonl');
    const chunks = chunkSections(corpus.sections);
    const vectors = await embedder.embedPassages(chunks.map((c) => c.text));
    const withFormat: Retriever = {
      name: 'ours (hybrid: HNSW + BM25 + sentence)',
      async ask(q) {
        const a = await ours.ask(q, { limit: 5 });
        formatAnswerHtml(a, a.lang);
        return a;
      },
    };
    const peers: Retriever[] = [
      miniSearchRetriever(chunks),
      serviceRetriever(
        'vector only (same embedder, HNSW)',
        createArticleService({
          index,
          embedder,
          glossary: corpus.glossary,
          weights: { vector: 1, lexical: 0, sentence: 0, section: 0 },
          abstention: { kind: 'coverage', minCoverage: 0 },
        }),
      ),
      serviceRetriever(
        'exact brute-force cosine instead of HNSW (hybrid)',
        createArticleService({ index, embedder, glossary: corpus.glossary, search: bruteForceSearch(vectors) }),
      ),
    ];
    const oursRow = await measure(withFormat, items, 5);
    const peerRows: QualityRow[] = [];
    for (const p of peers) peerRows.push(await measure(p, items, 5));
    log('bot: the real bot through the Bot API emulator …');
    const botLoad = { updates: 200, users: 40 };
    const bot = await benchBot({ service: ours, ...botLoad });
    log(`bot: ${bot.answered} of ${botLoad.updates} questions from ${botLoad.users} chats answered`);
    const state = await benchState({ quick, service: ours, indexDir: settings.indexDir, crash: !quick });
    log(formatState(state));
    log('replicas: src/main.ts in webhook mode, embedded store / Redis, 1 and 2 replicas …');
    const replicas = await benchReplicas({ updates: quick ? 100 : 300 });
    log('scaling: HNSW vs brute force on synthetic vectors …');
    const scaling = await runScaling({ sizes: quick ? [1000, 10000] : [1000, 10000, 100000], dims: embedder.dims, onProgress: log });

    const result = {
      recall3: round3(oursRow.scores.recall3),
      queryLatencyMs: oursRow.latencyMs,
      buildSeconds: meta.buildSeconds,
      rssMB,
      indexKiB: Math.round(indexBytes / 1024),
      embedder: `${meta.embedder.id} (${meta.embedder.dims} dims)`,
      ours: { recall1: round3(oursRow.scores.recall1), recall3: round3(oursRow.scores.recall3), mrr5: round3(oursRow.scores.mrr5) },
      peers: peerRows.map((r) => ({
        name: r.name,
        recall1: round3(r.scores.recall1),
        recall3: round3(r.scores.recall3),
        mrr5: round3(r.scores.mrr5),
        queryLatencyMs: r.latencyMs,
      })),
      scaling: scaling.map((s) => ({
        chunks: s.chunks,
        hnswMs: round3(s.hnswMs),
        bruteMs: round3(s.bruteMs),
        recallVsExact: round3(s.recallVsExact),
        buildSeconds: round3(s.buildSeconds),
      })),
      bot: { startupMs: bot.startupMs, throughputPerSec: bot.throughputPerSec, p95Ms: bot.p95Ms },
      state,
      replicas,
    };
    const table = markdown(result, oursRow);
    process.stdout.write(`${table}\n`);
    if (!args.includes('--no-readme'))
      log(writeReadmeSection('bench', table) ? 'README.md results table updated' : 'README.md has no bench markers: not written');
    if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    rmSync(settings.indexDir, { recursive: true, force: true });
  }
});

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function markdown(r: { [k: string]: any }, ours: QualityRow): string {
  const machine =
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ` + `${process.version}`;
  const rows = [
    ['ours (hybrid)', ours.scores.recall1, ours.scores.recall3, ours.scores.mrr5, ours.latencyMs],
    ...r.peers.map((p: any) => [p.name, p.recall1, p.recall3, p.mrr5, p.queryLatencyMs]),
  ];
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; embedder ${r.embedder}; dev set (${ours.scores.answerable} ` +
      `answerable questions).`,
    '',
    '| retriever | Recall@1 | Recall@3 | MRR@5 | latency p50 / p95 (ms) |',
    '|---|---|---|---|---|',
    ...rows.map(([n, r1, r3, m, l]) => `| ${n} | ${(+r1).toFixed(3)} | ${(+r3).toFixed(3)} | ${(+m).toFixed(3)} | ${l.p50} / ${l.p95} |`),
    '',
    `Index: build ${r.buildSeconds} s, ${r.indexKiB} KiB on disk, resident memory after load ${r.rssMB} MB.`,
    '',
    `Bot through the Bot API emulator: start-up to first answer ${r.bot.startupMs} ms; ${r.bot.throughputPerSec} updates/s; p95 ` +
      `${r.bot.p95Ms} ms.`,
    '',
    formatReplicas(r.replicas),
    '',
    '| vectors | HNSW (ms/query) | brute force (ms/query) | HNSW / brute | HNSW recall@10 vs exact |',
    '|---|---|---|---|---|',
    ...r.scaling.map(
      (s: any) => `| ${s.chunks} | ${s.hnswMs} | ${s.bruteMs} | ${(s.hnswMs / s.bruteMs).toFixed(3)} | ${s.recallVsExact} |`,
    ),
  ].join('\n');
}
