import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../support/cli.js';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { buildIndex } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

const tmp = mkdtempSync(join(tmpdir(), 'cli-eval-'));
const INDEX = join(tmp, 'article');

const evalCli = (args: string[]) => spawnCli('eval.ts', args, { INDEX_DIR: INDEX });

beforeAll(async () => {
  // the same index the CLI would build: lexical embedder, default abstention
  const corpus = loadCorpus(join(ROOT, 'corpus'));
  await buildIndex(chunkSections(corpus.sections), createLexicalEmbedder(corpus.glossary), corpus.hash, INDEX, {
    abstention: { ...DEFAULT_ABSTENTION },
  });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('eval', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints the heading and the score table per language for an eval file', async () => {
    const file = join(tmp, 'set.jsonl');
    writeFileSync(
      file,
      [
        '{"q":"What is the fourth finding?","lang":"en","gold":["Төртіншіден"]}',
        '',
        '{"q":"Түйін сөздер","lang":"kk","gold":["Түйін сөздер"]}',
        '{"q":"How do I bake sourdough bread?","lang":"en","gold":[]}',
      ].join('\n'),
    );
    const before = new Date().toISOString().slice(0, 10);
    const { code, stdout, stderr } = await evalCli([file]);
    // the reply lengths, as `ask --json` prints them
    const replyOf = async (q: string) =>
      (JSON.parse((await spawnCli('ask.ts', ['--json', '--k', '5', q], { INDEX_DIR: INDEX })).stdout) as { reply: string }).reply.length;
    const [kkReply, enReply] = [await replyOf('Түйін сөздер'), await replyOf('What is the fourth finding?')];
    const after = new Date().toISOString().slice(0, 10);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [heading, blank, ...table] = stdout.split('\n');
    expect([before, after].map((d) => `embedder: lexical-v1 (1024 dims), 3 questions from ${relative(ROOT, file)}, ${d}`)).toContain(
      heading,
    );
    expect(blank).toBe('');
    expect(table).toEqual([
      '| lang | n | Recall@1 | Recall@3 | MRR@5 | top-1 in lang | false abst. | out-of-scope abst. | R@shown | mean shown | median reply ' +
        '(chars) |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      `| kk | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 0 |   -   (0) | 1.000 | 1.00 | ${kkReply} |`,
      '| ru | 0 |   -   |   -   |   -   |   -   | 0 |   -   (0) |   -   | - | - |',
      `| en | 2 | 1.000 | 1.000 | 1.000 | 1.000 | 0 | 1.000 (1) | 1.000 | 1.00 | ${enReply} |`,
      `| all | 3 | 1.000 | 1.000 | 1.000 | 1.000 | 0 | 1.000 (1) | 1.000 | 1.00 | ${((kkReply + enReply) / 2).toFixed(0)} |`,
      '',
    ]);
  });

  it('exits 1 naming an eval file that cannot be read', async () => {
    const missing = join(tmp, 'missing.jsonl');
    const { code, stdout, stderr } = await evalCli([missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`error: cannot read the eval set ${missing}: pass a JSONL file of {"q","lang","gold"} lines`);
  });

  it('prints one error line, not a bug report, for an eval file that cannot be read or parsed', async () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{oops\n');
    const { stderr } = await evalCli([bad]);
    expect(stderr).toBe(`error: ${bad} line 1 is not JSON: fix or remove it\n`);
  });
});
