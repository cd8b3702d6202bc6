import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EvalSetError, firstHit, parseEvalSet, score, type EvalItem, type Scores } from '../eval/score.js';
import { PROJECT_ROOT } from '../config.js';
import { openService, retrievalSettings } from '../setup.js';
import { evalDialogues } from './eval-dialogues.js';
import { writeReadmeSection } from './readme.js';
import { runEntry, usageProblem } from '../entry.js';
import { UserError } from '../errors.js';
import { log } from '../log.js';
import type { Answer } from '../retrieval/types.js';
import { LANGS } from '../corpus/types.js';
import { formatAnswerText } from '../answer/format.js';

const USAGE = `usage: npm run eval [-- FILE.jsonl] [--verbose] [--readme]
       (default file: test/eval/dev.jsonl; --readme writes the table into README.md)
       npm run eval -- --dialogues FILE.jsonl [--verbose] [--readme]   (dialogues: the last turn of each is checked)`;

const EVAL_OPTIONS = {
  verbose: { type: 'boolean' },
  readme: { type: 'boolean' },
  dialogues: { type: 'string' },
  help: { type: 'boolean' },
} as const;
const NO_DIALOGUE_SET = `--dialogues needs a file, e.g. --dialogues ../shared/eval/dialogues.jsonl\n${USAGE}`;

runEntry(import.meta.url, async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let parsed: { values: { verbose?: boolean; readme?: boolean; dialogues?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: EVAL_OPTIONS, allowPositionals: true });
  } catch (err) {
    const problem = usageProblem(err, { dialogues: NO_DIALOGUE_SET });
    throw problem === NO_DIALOGUE_SET ? new EvalSetError(problem) : new UserError(`${problem}\n${USAGE}`);
  }
  const {
    values: { verbose = false, readme = false, dialogues },
    positionals,
  } = parsed;
  if (dialogues !== undefined) {
    if (!dialogues) throw new EvalSetError(NO_DIALOGUE_SET);
    return evalDialogues(dialogues, { verbose, readme });
  }
  const file = resolve(positionals[0] ?? resolve(PROJECT_ROOT, 'test/eval/dev.jsonl'));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new EvalSetError(`cannot read the eval set ${file}: pass a JSONL file of {"q","lang","gold"} lines`);
  }
  const items = parseEvalSet(text, file);
  const { service, meta } = await openService(retrievalSettings(process.env), { log });
  const answers: Array<Answer & { reply: string }> = [];
  for (const item of items) {
    const answer = await service.ask(item.q, { limit: 5 });
    answers.push({ ...answer, reply: formatAnswerText(answer, answer.lang) });
  }
  if (verbose) {
    for (const [i, a] of answers.entries()) {
      const hit = items[i].gold.length === 0 ? (a.answered ? 'WRONG' : 'ok') : `hit@${firstHit(items[i], a) || '-'}`;
      const scores = a.passages
        .slice(0, 3)
        .map((p) => `${p.id} ${p.score}`)
        .join(', ');
      log(
        `${hit.padEnd(6)} cov=${(a.coverage ?? 0).toFixed(2)} shown=${a.shown ?? a.passages.length} ` +
          `chars=${a.answered ? a.reply.length : 0} ${items[i].lang} ${items[i].q} → ${scores}`,
      );
    }
  }
  const heading =
    `embedder: ${meta.embedder.id} (${meta.embedder.dims} dims), ${items.length} questions from ` +
    `${relative(PROJECT_ROOT, file)}, ${new Date().toISOString().slice(0, 10)}`;
  const body = `${heading}\n\n${table(items, answers)}`;
  process.stdout.write(body);
  if (readme) log(writeReadmeSection('eval', body) ? 'README.md eval table updated' : 'README.md has no eval markers: not written');
  return 0;
});

function table(items: EvalItem[], answers: Answer[]): string {
  const rows: Array<[string, Scores]> = LANGS.map((lang) => {
    const idx = items.map((it, i) => (it.lang === lang ? i : -1)).filter((i) => i >= 0);
    return [
      lang,
      score(
        idx.map((i) => items[i]),
        idx.map((i) => answers[i]),
      ),
    ];
  });
  rows.push(['all', score(items, answers)]);
  const f = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));
  const n = (x: number, digits: number) => (Number.isNaN(x) ? '-' : x.toFixed(digits));
  const lines = [
    '| lang | n | Recall@1 | Recall@3 | MRR@5 | top-1 in lang | false abst. | out-of-scope abst. | R@shown | mean shown | median reply ' +
      '(chars) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [lang, s] of rows) {
    lines.push(
      `| ${lang} | ${s.questions} | ${f(s.recall1)} | ${f(s.recall3)} | ${f(s.mrr5)} | ${f(s.top1InLang)} | ${s.falseAbstentions} | ` +
        `${f(s.abstention)} (${s.outOfScope}) | ${f(s.recallShown)} | ${n(s.meanShown, 2)} | ${n(s.medianReply, 0)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
