import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli, type CliRun } from '../support/cli.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

const CORPUS = join(ROOT, 'corpus');
const tmp = mkdtempSync(join(tmpdir(), 'cli-ask-'));
const INDEX = join(tmp, 'shared', 'article');

type Run = CliRun;

// Tests run concurrently, but at most one CLI process per core runs at a time (each takes about a second of CPU).
let free = Math.max(1, Math.min(4, availableParallelism()));
const waiting: Array<() => void> = [];
async function withSlot<T>(f: () => Promise<T>): Promise<T> {
  if (free > 0) free -= 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await f();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  }
}

/** Runs a CLI entry point as a subprocess with the lexical embedder and the given INDEX_DIR. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return withSlot(() => spawnCli(script, args, { INDEX_DIR: INDEX, ...env }));
}

const ask = (args: string[], env?: Record<string, string>) => run('ask.ts', args, env);

let copies = 0;
/** A copy of the shared index in a fresh folder. */
function indexCopy(): string {
  const dir = join(tmp, `copy-${++copies}`, 'article');
  cpSync(INDEX, dir, { recursive: true });
  return dir;
}
const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
const QUESTION = 'What is the fourth finding?';
const PASSAGE_KEYS = ['rank', 'id', 'section', 'lang', 'text', 'sourceText', 'score', 'official', 'alsoIn', 'citations'];

// Tests that change an index work on their own copy, so all tests can run concurrently.
beforeAll(async () => {
  const built = await run('build.ts', []);
  expect(built.code).toBe(0);
  expect(built.stdout).toBe('');
  expect(built.stderr).toMatch(
    new RegExp(
      `^built \\d+ chunks with lexical-v1 \\(1024 dims\\) in \\d+\\.\\d\\d s → ${INDEX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`,
    ),
  );
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('ask --json', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints exactly one JSON line with query, lang, answered, passages, shown and reply, and nothing on stderr', async () => {
    const { code, stdout, stderr } = await ask(['--json', QUESTION]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.split('\n')).toHaveLength(2);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['query', 'lang', 'answered', 'passages', 'shown', 'reply']);
    expect(answer).toMatchObject({ query: QUESTION, lang: 'en', answered: true });
    expect(answer.passages).toHaveLength(3);
    answer.passages.forEach((p: Record<string, unknown>, i: number) => {
      expect(Object.keys(p)).toEqual(PASSAGE_KEYS);
      expect(Object.keys(p.section as object)).toEqual(['id', 'title']);
      expect(p.rank).toBe(i + 1);
      expect(typeof p.score).toBe('number');
      expect(typeof p.text).toBe('string');
      expect(typeof p.sourceText).toBe('string');
    });
    expect(answer.passages[0]).toMatchObject({
      id: 'en:results/finding-4:1',
      lang: 'en',
      section: { id: 'results/finding-4', title: 'Results · finding 4' },
    });
    expect(answer.shown).toBe(1);
    expect(answer.reply.split('\n')[0]).toBe('1. § Results · finding 4 · translated from Kazakh');
    expect(answer.passages[1].section.title).toBe('Results');
    expect(answer.reply).not.toContain('§ Results\n');
    expect(answer.reply).not.toContain(answer.passages[1].text);
  });
});

describe.concurrent('ask --json --batch', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints one JSON object per non-empty line, in order, each with --k passages', async () => {
    const file = join(tmp, 'questions.txt');
    writeFileSync(file, `${QUESTION}\n\n   \nкибершабуылдар\r\nHow do I bake sourdough bread?\n`);
    const { code, stdout, stderr } = await ask(['--json', '--k', '5', '--batch', file]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const answers = lines(stdout).map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.query, a.lang, a.answered])).toEqual([
      [QUESTION, 'en', true],
      ['кибершабуылдар', 'kk', true],
      ['How do I bake sourdough bread?', 'en', false],
    ]);
    expect(stdout.split('\n')).toHaveLength(4);
    expect(answers[0].passages.map((p: { rank: number }) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(answers[0].passages[0].id).toBe('en:results/finding-4:1');
    expect(answers[1].passages[0].sourceText).toContain('кибершабуылдар');
    expect(answers[2].passages).toEqual([]);
  });

  it('prints an error object for a bad line, goes on, and exits 1', async () => {
    const file = join(tmp, 'bad-questions.txt');
    writeFileSync(file, `😀😀\n${QUESTION}\n`);
    const { code, stdout } = await ask(['--json', '--batch', file]);
    expect(code).toBe(1);
    const [bad, good] = lines(stdout).map((l) => JSON.parse(l));
    expect(bad).toEqual({
      query: '😀😀',
      error: 'the question has no words: type a question about the article, e.g. "What are the main findings?"',
    });
    expect(good.passages[0].id).toBe('en:results/finding-4:1');
  });

  it('exits 1 with one error line for a batch file that cannot be read', async () => {
    const missing = join(tmp, 'no-such-file.txt');
    const { code, stdout, stderr } = await ask(['--json', '--batch', missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: cannot read the batch file ${missing} (ENOENT): give a text file with one question per line\n`);
  });
});

describe.concurrent('ask (text)', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints a translated passage followed by its Kazakh original with --original', async () => {
    const { code, stdout } = await ask(['--original', QUESTION]);
    expect(code).toBe(0);
    const [head, text, ...rest] = stdout.split('\n');
    expect(head).toBe('1. § Results · finding 4 · translated from Kazakh');
    expect(text.startsWith('Fourth, ')).toBe(true);
    const original = rest.slice(0, rest.indexOf('')).at(-1)!;
    expect(original.startsWith('Original text (Kazakh): Төртіншіден, жасанды интеллект технологияларын қолдану')).toBe(true);
  });

  it('prints no original without --original', async () => {
    const { stdout } = await ask([QUESTION]);
    expect(stdout.split('\n')[0]).toBe('1. § Results · finding 4 · translated from Kazakh');
    expect(stdout).not.toContain('Original text (Kazakh):');
  });

  it("prints that the article does not say, in the question's language", async () => {
    expect((await ask(['Кто выиграл чемпионат мира по футболу 2018 года?'])).stdout).toBe(
      'В статье об этом не говорится: «Кто выиграл чемпионат мира по футболу 2018 года?»\n\nПосмотрите оглавление — /sections, или пять ' +
        'основных выводов — /findings.\n',
    );
  });
});

describe.concurrent('ask with bad input', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it.each([
    ['an empty question', '', 'error: the question is empty: type a question about the article, e.g. "What are the main findings?"'],
    ['emoji only', '😀😀', 'error: the question has no words: type a question about the article, e.g. "What are the main findings?"'],
    ['10,000 characters', 'a'.repeat(10_000), 'error: the question is 10000 characters long; ask in at most 1000'],
  ])('exits 1 with one error line and no stack trace for %s', async (_name, question, message) => {
    const { code, stdout, stderr } = await ask(['--json', question]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
    expect(stderr).not.toContain('    at ');
  });

  it('exits 1 with the usage for a missing question or a bad --k', async () => {
    const none = await ask(['--json']);
    expect(none.code).toBe(1);
    expect(
      none.stderr.startsWith('error: no question given\nusage: npm run --silent ask -- [--json] [--original] [--k N] "QUESTION"\n'),
    ).toBe(true);
    expect((await ask(['--k', '0', QUESTION])).stderr.startsWith('error: --k needs a whole number from 1 to 10\n')).toBe(true);
  });
});

describe.concurrent('ask with a missing, corrupt, stale or mismatched index', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('rebuilds a missing index, says so on stderr, and answers', async () => {
    const dir = join(tmp, 'missing', 'article');
    const { code, stdout, stderr } = await ask(['--json', QUESTION], { INDEX_DIR: dir });
    expect(code).toBe(0);
    expect(stderr).toBe(`index at ${dir} does not exist or has no meta.json: rebuilding it now\n`);
    expect(JSON.parse(stdout).passages[0].id).toBe('en:results/finding-4:1');
    expect(existsSync(join(dir, 'meta.json'))).toBe(true);
  });

  it('rebuilds an index whose vectors.hnsw was truncated, and still answers', async () => {
    const dir = indexCopy();
    const vectors = join(dir, 'vectors.hnsw');
    const size = readFileSync(vectors).length;
    truncateSync(vectors, 1000);
    const { code, stdout, stderr } = await ask(['--json', QUESTION], { INDEX_DIR: dir });
    expect(code).toBe(0);
    expect(stderr).toBe(`index at ${dir} has a damaged or truncated vectors.hnsw: rebuilding it now\n`);
    expect(JSON.parse(stdout).passages[0].id).toBe('en:results/finding-4:1');
    expect(readFileSync(vectors).length).toBe(size);
  });

  it('rebuilds an index of another version of the corpus', async () => {
    const dir = indexCopy();
    const corpus = join(tmp, 'corpus-edited');
    cpSync(CORPUS, corpus, { recursive: true });
    writeFileSync(join(corpus, 'glossary.json'), `${readFileSync(join(corpus, 'glossary.json'), 'utf8')}\n`);
    const { code, stderr } = await ask(['--json', QUESTION], { INDEX_DIR: dir, CORPUS_DIR: corpus });
    expect(code).toBe(0);
    expect(stderr).toBe(`index at ${dir} was built from another version of the corpus: rebuilding it now\n`);
  });

  it('refuses an index built with other embedder settings, naming both, without overwriting it', async () => {
    const dir = indexCopy();
    const metaPath = join(dir, 'meta.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    const wanted = JSON.stringify(meta.embedder.settings);
    meta.embedder.settings = { ...meta.embedder.settings, conceptWeight: 2 };
    writeFileSync(metaPath, JSON.stringify(meta));
    const { code, stdout, stderr } = await ask(['--json', QUESTION], { INDEX_DIR: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: index at ${dir} was built with embedder lexical-v1 (1024 dims, ${JSON.stringify(meta.embedder.settings)}) ` +
        `but the config asks for lexical-v1 (1024 dims, ${wanted}): run \`npm run build:index\` with INDEX_DIR=${dir}\n`,
    );
    expect(JSON.parse(readFileSync(metaPath, 'utf8')).embedder.settings.conceptWeight).toBe(2);
  });

  it('exits 1 naming the corpus file when the corpus cannot be read', async () => {
    const { code, stdout, stderr } = await ask(['--json', QUESTION], { CORPUS_DIR: '/nonexistent' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: cannot read the corpus file /nonexistent/article.txt (ENOENT): restore it with `git checkout corpus/` or set CORPUS_DIR to ' +
        'the folder that holds article.txt, translations.json, glossary.json\n',
    );
  });
});

describe.concurrent('build --help', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('prints the usage on stdout', async () => {
    const { code, stdout } = await run('build.ts', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe('usage: npm run build:index   (INDEX_DIR, CORPUS_DIR, EMBEDDER, EMBEDDING_MODEL: see .env.example)\n');
  });
});
