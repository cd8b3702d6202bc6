/**
 * Wrong paths in the settings never cost a file: `npm run build:index`, `ask` and the bot start,
 * each a real process, refuse an INDEX_DIR or DATA_DIR that holds other files (a folder of the
 * user's, `index/` with its README, the project itself in a throwaway copy, the other setting's
 * folder) with one line naming the path, and delete nothing; a read-only location says so.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRealService, TOKEN, type RealService } from './support.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** One CLI process (tsx start-up and, where it gets that far, the corpus) on a busy machine. */
const PROCESS_TIMEOUT_MS = 30_000;

let real: RealService;
let temp: string;
beforeAll(async () => {
  real = await openRealService();
  temp = mkdtempSync(join(tmpdir(), 'reliability-paths-'));
  chmodSync(temp, 0o755); // readable by `nobody` for the read-only case
});
afterAll(() => {
  real?.dispose();
  rmSync(temp, { recursive: true, force: true });
});

/** Whether user `nobody` can load tsx from the project (every folder above it traversable). */
function nobodyReaches(root: string): boolean {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', ''], { cwd: root, uid: 65534, gid: 65534, timeout: PROCESS_TIMEOUT_MS });
  return r.status === 0;
}

/** Runs `src/<entry>` with tsx in `cwd` with only the given variables; returns exit code and output. */
function run(entry: string, env: Record<string, string>, options: { cwd?: string; args?: string[]; uid?: number } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...(options.args ?? [])], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: PROCESS_TIMEOUT_MS,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      EMBEDDER: 'lexical',
      ALLOW_REMOTE_MODELS: 'false',
      CORPUS_DIR: '',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every file under `dir` with its size and content hash proxy (path → bytes), symlinks not followed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p, { throwIfNoEntry: false });
      if (name === 'node_modules' || !s) continue;
      if (s.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64').slice(0, 64) + s.size;
    }
  };
  walk(dir);
  return out;
}

function userFolder(name: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'photos'), { recursive: true });
  writeFileSync(join(dir, 'thesis.docx'), 'chapter 1');
  writeFileSync(join(dir, 'photos', 'cat.jpg'), 'meow');
  return dir;
}

describe('a wrong INDEX_DIR', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    '`npm run build:index` refuses a folder of user files with one line, and every file survives',
    () => {
      const dir = userFolder('user-files');
      const before = snapshot(dir);
      const r = run('src/cli/build.ts', { INDEX_DIR: dir });
      expect(r).toEqual({
        code: 1,
        out:
          `error: INDEX_DIR ${dir} holds files that are not a search index (photos, thesis.docx): nothing was changed; point ` +
          `INDEX_DIR at a new or empty folder (default index/article)\n`,
      });
      expect(snapshot(dir)).toEqual(before);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    '`ask` refuses INDEX_DIR=index (which holds the tracked index/README.md)',
    () => {
      const readme = readFileSync(join(ROOT, 'index', 'README.md'), 'utf8');
      const r = run('src/cli/ask.ts', { INDEX_DIR: 'index' }, { args: ['What is the risk-based approach?'] });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        new RegExp(
          `^error: INDEX_DIR ${join(ROOT, 'index')} holds files that are not a search index \\(.*README\\.md.*\\): nothing was changed; ` +
            `point INDEX_DIR at a new or empty folder \\(default index/article\\)\\n$`,
        ),
      );
      expect(readFileSync(join(ROOT, 'index', 'README.md'), 'utf8')).toBe(readme);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'INDEX_DIR=. in a throwaway copy of the project: build:index, ask and the bot refuse, nothing is deleted',
    () => {
      const copy = join(temp, 'project');
      for (const part of ['src', 'corpus', 'index', 'package.json', 'tsconfig.json', '.gitignore'])
        cpSync(join(ROOT, part), join(copy, part), { recursive: true });
      mkdirSync(join(copy, '.git'));
      writeFileSync(join(copy, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      writeFileSync(join(copy, '.env'), `BOT_TOKEN=${TOKEN}\n`);
      symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
      const before = snapshot(copy);
      const line =
        `error: INDEX_DIR ${copy} holds files that are not a search index (.env, .git, .gitignore, … 9 in all): nothing was ` +
        `changed; point INDEX_DIR at a new or empty folder (default index/article)\n`;
      expect(run('src/cli/build.ts', { INDEX_DIR: '.' }, { cwd: copy })).toEqual({ code: 1, out: line });
      expect(run('src/cli/ask.ts', { INDEX_DIR: '.' }, { cwd: copy, args: ['What is the risk-based approach?'] })).toEqual({
        code: 1,
        out: line,
      });
      // the bot: with DATA_DIR inside the copy it refuses the overlap; with one outside, the index folder
      // (it never gets to Telegram: TELEGRAM_API_ROOT points nowhere)
      const bot = (dataDir: string) =>
        run('src/main.ts', { INDEX_DIR: '.', BOT_TOKEN: TOKEN, DATA_DIR: dataDir, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }, { cwd: copy });
      expect(bot('data')).toEqual({
        code: 1,
        out:
          `error: DATA_DIR ${join(copy, 'data')} overlaps INDEX_DIR ${copy}: give the bot's data and the search index separate ` +
          `folders (defaults: data and index/article)\n`,
      });
      const outside = bot(join(temp, 'bot-data'));
      expect(outside.code).toBe(1);
      expect(outside.out.split('\n').filter(Boolean).at(-1)).toBe(line.trim());
      expect(Object.keys(snapshot(copy)).filter((f) => !(f in before))).toEqual([]);
      expect(snapshot(copy)).toMatchObject(before);
    },
    PROCESS_TIMEOUT_MS * 3,
  );

  // root writes anywhere, so the case runs as `nobody`, who must be able to reach the project (a clone inside a
  // folder of mode 700, e.g. `mktemp -d`, is out of its reach: then the case cannot run here and says so by skipping)
  it.skipIf(!nobodyReaches(ROOT))(
    'says "read-only" for a location the process cannot write',
    () => {
      const ro = join(temp, 'read-only');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      const r = run('src/cli/build.ts', { INDEX_DIR: join(ro, 'article') }, { uid: 65534 }); // root writes anywhere: run as nobody
      expect(r).toEqual({
        code: 1,
        out:
          `error: INDEX_DIR ${join(ro, 'article')} cannot be written: its folder ${ro} is read-only for this process (EACCES): point ` +
          `INDEX_DIR at a writable folder, or make this one writable\n`,
      });
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe('a wrong DATA_DIR at bot start', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const start = (env: Record<string, string>) =>
    run('src/main.ts', { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9', INDEX_DIR: real.indexDir, ...env });

  it(
    'refuses a folder of user files and the project folder',
    () => {
      const dir = userFolder('user-data');
      const before = snapshot(dir);
      expect(start({ DATA_DIR: dir })).toEqual({
        code: 1,
        out:
          `error: DATA_DIR ${dir} holds files that are not the bot's (photos, thesis.docx): nothing was changed; point DATA_DIR at a ` +
          `new or empty folder (default data)\n`,
      });
      expect(snapshot(dir)).toEqual(before);
      const project = start({ DATA_DIR: '.' });
      expect(project.code).toBe(1);
      expect(project.out).toMatch(
        new RegExp(`^error: DATA_DIR ${ROOT.replace(/\/$/, '')} holds files that are not the bot's \\(.+\\): nothing was changed`),
      );
    },
    PROCESS_TIMEOUT_MS * 2,
  );

  it(
    'refuses INDEX_DIR = DATA_DIR before either is written: the sessions survive',
    () => {
      const dir = join(temp, 'shared');
      mkdirSync(dir);
      writeFileSync(join(dir, 'sessions.json'), '{"version":1,"sessions":{"42":{"lang":"kk"}}}');
      const before = snapshot(dir);
      expect(start({ DATA_DIR: dir, INDEX_DIR: dir })).toEqual({
        code: 1,
        out:
          `error: DATA_DIR ${dir} overlaps INDEX_DIR ${dir}: give the bot's data and the search index separate folders (defaults: ` +
          `data and index/article)\n`,
      });
      expect(snapshot(dir)).toEqual(before);
      // and build:index alone (no DATA_DIR check there) refuses the folder of sessions too
      expect(run('src/cli/build.ts', { INDEX_DIR: dir }).out).toBe(
        `error: INDEX_DIR ${dir} holds files that are not a search index (sessions.json): nothing was changed; point INDEX_DIR at a new ` +
          `or empty folder (default index/article)\n`,
      );
      expect(snapshot(dir)).toEqual(before);
    },
    PROCESS_TIMEOUT_MS * 2,
  );
});
