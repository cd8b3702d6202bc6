/**
 * The dialogue from the command line: `ask --json --dialogue FILE`, `eval --dialogues FILE`, and
 * `npm run chat` driven through a pipe and through a pseudo-terminal (util-linux `script`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli, type CliRun } from '../support/cli.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

/** One CLI process (tsx start, index load, a few questions) on a busy 2-core machine, in ms. */
const CLI_MS = 30_000;
/** Building the lexical index once, in ms. */
const BUILD_MS = 60_000;

const tmp = mkdtempSync(join(tmpdir(), 'cli-dialogue-'));
const INDEX = join(tmp, 'article');
const env = { INDEX_DIR: INDEX };
beforeAll(async () => {
  expect((await spawnCli('build.ts', [], env)).code).toBe(0);
}, BUILD_MS);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `src/cli/chat.ts` with `input` on its stdin (a pipe), the lexical embedder and the test index. */
const chat = (input: string): Promise<CliRun> => spawnCli('chat.ts', [], env, input);

describe('ask --json --dialogue', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    'prints one object per turn with every ask --json field plus dialogue, turn, act and understoodAs',
    async () => {
      const file = join(tmp, 'dialogues.txt');
      writeFileSync(file, 'What is the first finding?\nand the fifth?\n\nРахмет\n');
      const [run, single] = await Promise.all([
        spawnCli('ask.ts', ['--json', '--dialogue', file], env),
        spawnCli('ask.ts', ['--json', 'What is the fifth finding?'], env),
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const turns = run.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(turns.map((t) => [t.dialogue, t.turn, t.act, t.understoodAs, t.answered])).toEqual([
        [1, 1, 'question', 'What is the first finding?', true],
        [1, 2, 'followup', 'What is the fifth finding?', true],
        [2, 1, 'smalltalk', null, false],
      ]);
      const { dialogue, turn, act, understoodAs, reply, ...fields } = turns[1];
      const { reply: singleReply, ...singleFields } = JSON.parse(single.stdout);
      // a dialogue turn lists the passages its reply shows; the single answer ranks more behind "More"
      expect(singleFields.shown).toBe(1);
      expect(fields).toEqual({ ...singleFields, query: 'and the fifth?', passages: singleFields.passages.slice(0, 1) });
      expect(reply).toBe(`↪ What is the fifth finding?\n\n${singleReply}`);
      expect(turns[2]).toMatchObject({ query: 'Рахмет', lang: 'kk', passages: [], reply: expect.stringMatching(/^Оқасы жоқ!/) });
      expect([dialogue, turn, act, understoodAs]).toEqual([1, 2, 'followup', 'What is the fifth finding?']);
    },
    CLI_MS,
  );
});

describe('eval --dialogues', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it(
    'prints the table per language and check kind',
    async () => {
      const file = join(tmp, 'set.jsonl');
      writeFileSync(
        file,
        [
          '{"id":"a","lang":"en","turns":["What is the first finding?","and the second?"],"check":"gold","gold":["Екіншіден"]}',
          '{"id":"b","lang":"kk","turns":["Рахмет"],"check":"smalltalk"}',
        ].join('\n'),
      );
      const run = await spawnCli('eval.ts', ['--dialogues', file], env);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').slice(2)).toEqual([
        '| lang | gold | more | lang | abstain | smalltalk | all | score |',
        '|---|---|---|---|---|---|---|---|',
        '| kk | - | - | - | - | 1/1 | 1/1 | 1.000 |',
        '| ru | - | - | - | - | - | - | - |',
        '| en | 1/1 | - | - | - | - | 1/1 | 1.000 |',
        '| all | 1/1 | - | - | - | 1/1 | 2/2 | 1.000 |',
        '',
      ]);
    },
    CLI_MS,
  );
});

describe('npm run chat', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it("offers the languages for /lang with an unknown one, and answers an emoji-only turn with the notice in the chat's language", async () => {
    const run = await chat('/lang english\n👍\n/lang ru\n???\n/quit\n');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(3, 14)).toEqual([
      '› /lang english',
      'Choose the interface language: kk, ru, en (/lang kk)',
      '',
      '› 👍',
      'There are no words in this message. Type a question about the article, e.g. “What are the main findings?”',
      '',
      '› /lang ru',
      'Язык интерфейса: русский.',
      '',
      '› ???',
      'В сообщении нет слов. Напишите вопрос о статье, например: «Каковы основные выводы?»',
    ]);
  });

  it(
    'answers /about and /findings with the source line, and chatter after an answer with small talk',
    async () => {
      const run = await chat('/about\nЧто такое риск-ориентированный подход?\nахах\n😀😀\n/findings\n/quit\n');
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[lines.indexOf('› /about') + 1]).toBe('About the article');
      expect(lines.slice(lines.indexOf('› ахах') + 1, lines.indexOf('› ахах') + 4)).toEqual([
        '🙂 Что ещё вы хотели бы узнать о статье?',
        '',
        'Например, спросите:',
      ]);
      // a message with no words in a Russian conversation: the notice in Russian
      expect(lines[lines.indexOf('› 😀😀') + 1]).toBe(
        'В сообщении нет слов. Напишите вопрос о статье, например: «Каковы основные выводы?»',
      );
      const findings = lines.slice(lines.indexOf('› /findings'), lines.indexOf('› /quit'));
      expect(findings.filter((l) => l.startsWith('§ '))).toHaveLength(5);
      expect(findings.every((l) => !l.startsWith('§ ') || l.endsWith(' · translated from Kazakh'))).toBe(true);
      expect(findings[findings.length - 2]).toMatch(/^Source: Berdiyarova, Saimova, Abdullaeva \(2026\) .* · CC BY-NC 4\.0$/);
    },
    CLI_MS,
  );

  it(
    'answers lines from a pipe as a transcript, follows up, runs commands and stops at /quit',
    async () => {
      const run = await chat('hello\n2\nwhen was it adopted?\n/lang ru\n/sections\nещё\n/quit\nthis is never read\n');
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const lines = run.stdout.split('\n');
      expect(lines.filter((l) => l.startsWith('› '))).toEqual([
        '› hello',
        '› 2',
        '› when was it adopted?',
        '› /lang ru',
        '› /sections',
        '› ещё',
        '› /quit',
      ]);
      expect(lines.slice(3, 9)).toEqual([
        '› hello',
        'Hello! I answer questions about the article “Legal problems of using artificial intelligence” (2026), quoting its own passages ' +
          '— in Kazakh, Russian or English.',
        '',
        'Try asking:',
        '1. What are the main findings of the article?',
        '2. Which law regulates artificial intelligence in Kazakhstan?',
      ]);
      expect(lines[lines.indexOf('› 2') + 1]).toMatch(/^1\. § /);
      expect(lines[lines.indexOf('› when was it adopted?') + 1]).toBe(
        '↪ law regulates artificial intelligence in Kazakhstan — when was it adopted?',
      );
      expect(lines[lines.indexOf('› /lang ru') + 1]).toBe('Язык интерфейса: русский.');
      expect(lines[lines.indexOf('› /sections') + 2]).toBe(' 1. § Сведения о публикации');
      expect(run.stdout).not.toContain('never read');
    },
    CLI_MS,
  );

  it(
    'ends at the end of input (Ctrl+D) and shows a prompt in a pseudo-terminal',
    async () => {
      const piped = await chat('Рахмет');
      expect([piped.code, piped.stdout.split('\n')[3]]).toEqual([0, '› Рахмет']);
      const hasScript = spawnSync('script', ['--version']).status === 0;
      if (!hasScript) return;
      const command = `${process.execPath} --import tsx src/cli/chat.ts`;
      const pty = await new Promise<CliRun>((resolve) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], {
          cwd: ROOT,
          env: { ...process.env, EMBEDDER: 'lexical', ...env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        const sent = { question: false, quit: false };
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          // type as a person would: the question once the prompt is there, /quit once the answer is
          if (!sent.question && stdout.includes('› ')) {
            sent.question = true;
            child.stdin.write('рахмет\r');
          }
          if (!sent.quit && stdout.includes('Оқасы жоқ')) {
            sent.quit = true;
            child.stdin.write('/quit\r');
          }
        });
        const stop = setTimeout(() => child.kill(), CLI_MS - 5000);
        child.on('close', (code) => {
          clearTimeout(stop);
          resolve({ code, stdout, stderr: '' });
        });
      });
      expect(pty.code).toBe(0);
      expect(pty.stdout).toContain('› ');
      expect(pty.stdout).toContain('Оқасы жоқ! Мақала туралы тағы сұраңыз.');
    },
    CLI_MS,
  );
});
