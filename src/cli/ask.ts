import { readFileSync } from 'node:fs';
import { parseArgs as parseCommandLine } from 'node:util';
import { formatAnswerText } from '../answer/format.js';
import { UserError } from '../errors.js';
import { cleanQuestion } from '../retrieval/question.js';
import { openService, retrievalSettings } from '../setup.js';
import type { Answer, ArticleService } from '../retrieval/types.js';
import { createDialogueEngine } from '../dialogue/engine.js';
import { parseDialogueFile, replyText, runDialogues, turnJson } from './dialogue.js';
import { runEntry, usageProblem } from '../entry.js';
import { log } from '../log.js';

const USAGE = `usage: npm run --silent ask -- [--json] [--original] [--k N] "QUESTION"
       npm run --silent ask -- --json --batch FILE      (one question per non-empty line, one JSON object per line)
       npm run --silent ask -- [--json] --dialogue FILE (one turn per line, an empty line between dialogues)`;

class UsageError extends UserError {
  constructor(what: string) {
    super(`${what}\n${USAGE}`);
  }
}

interface Args {
  json: boolean;
  original: boolean;
  k: number;
  help?: boolean;
  batch?: string;
  dialogue?: string;
  question?: string;
}

/** What a file-taking option says when its value is missing. */
const MISSING_VALUE: Record<string, string> = {
  batch: '--batch needs a file name',
  dialogue: '--dialogue needs a file name',
  k: '--k needs a whole number from 1 to 10',
};

/** Parses the command line (node:util parseArgs). Pure. @throws UsageError. */
export function parseArgs(argv: string[]): Args {
  if (argv.includes('--help') || argv.includes('-h')) return { json: false, original: false, k: 3, help: true };
  let parsed: ReturnType<typeof parseCommandLine<{ args: string[]; options: typeof ASK_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseCommandLine({ args: argv, options: ASK_OPTIONS, allowPositionals: true });
  } catch (err) {
    throw new UsageError(usageProblem(err, MISSING_VALUE));
  }
  const { values, positionals: rest } = parsed;
  const k = values.k === undefined ? 3 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new UsageError('--k needs a whole number from 1 to 10');
  const args: Args = { json: values.json ?? false, original: values.original ?? false, k, batch: values.batch, dialogue: values.dialogue };
  if (args.batch && rest.length > 0) throw new UsageError('give either --batch FILE or a question, not both');
  if (args.dialogue && (rest.length > 0 || args.batch)) throw new UsageError('give --dialogue FILE alone, without a question or --batch');
  if (!args.batch && !args.dialogue) {
    if (rest.length === 0) throw new UsageError('no question given');
    args.question = rest.join(' ');
  }
  return args;
}

const ASK_OPTIONS = {
  json: { type: 'boolean' },
  original: { type: 'boolean' },
  k: { type: 'string' },
  batch: { type: 'string' },
  dialogue: { type: 'string' },
} as const;

/**
 * The `ask --json` object: the retrieval answer in the contract's shape, `shown` (how many of the
 * ranked `passages` the reply shows, from the first) and `reply`, the text the reader sees.
 */
export function toJson(answer: Answer): Record<string, unknown> {
  return {
    query: answer.query,
    lang: answer.lang,
    answered: answer.answered,
    passages: answer.passages.map((p) => ({
      rank: p.rank,
      id: p.id,
      section: p.section,
      lang: p.lang,
      text: p.text,
      sourceText: p.sourceText,
      score: p.score,
      official: p.official,
      alsoIn: p.alsoIn,
      citations: p.citations,
    })),
    shown: answer.shown ?? answer.passages.length,
    ...(answer.unnamed ? { unnamed: answer.unnamed } : {}),
    reply: formatAnswerText(answer, answer.lang),
  };
}

async function runBatch(service: ArticleService, file: string, k: number): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read the batch file ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}): give a text file with one question ` +
        `per line`,
    );
  }
  let failed = 0;
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    try {
      process.stdout.write(`${JSON.stringify(toJson(await service.ask(line, { limit: k })))}\n`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failed++;
      process.stdout.write(`${JSON.stringify({ query: line, error: err.message })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

async function runDialogueFile(service: ArticleService, file: string, k: number, json: boolean): Promise<number> {
  const dialogues = parseDialogueFile(readText(file, 'dialogue', 'one turn per line and an empty line between dialogues'));
  let failed = 0;
  await runDialogues(createDialogueEngine({ service, pageSize: k }), dialogues, (run, error) => {
    if (error && !(error instanceof UserError)) throw error;
    if (error) failed++;
    const out = error ? { dialogue: run.dialogue, turn: run.turn, query: run.message, error: error.message } : turnJson(run, toJson);
    process.stdout.write(
      json
        ? `${JSON.stringify(out)}\n`
        : `${run.turn === 1 && run.dialogue > 1 ? '\n' : ''}› ${run.message}\n${error ? `error: ${error.message}\n` : replyText(run)}\n`,
    );
  });
  return failed > 0 ? 1 : 0;
}

function readText(file: string, what: string, shape: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read the ${what} file ${file} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}): give a text file with ${shape}`,
    );
  }
}

runEntry(import.meta.url, async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.question !== undefined) cleanQuestion(args.question); // bad input fails before the index is opened
  const { service } = await openService(retrievalSettings(process.env), { log });
  if (args.batch) return runBatch(service, args.batch, args.k);
  if (args.dialogue) return runDialogueFile(service, args.dialogue, args.k, args.json);
  const answer = await service.ask(args.question!, { limit: args.k });
  process.stdout.write(
    args.json
      ? `${JSON.stringify(toJson(answer))}\n`
      : `${formatAnswerText(answer, answer.lang, { all: true, original: args.original })}\n`,
  );
  return 0;
});
