import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createDialogueEngine } from '../dialogue/engine.js';
import { dialogueTable, parseDialogueSet, passes, tally, type TurnResult } from '../eval/dialogues.js';
import { EvalSetError } from '../eval/score.js';
import { PROJECT_ROOT } from '../config.js';
import { openService, retrievalSettings } from '../setup.js';
import { answerOf, runDialogues, shownAnswer, type TurnRun } from './dialogue.js';
import { writeReadmeSection } from './readme.js';
import { log } from '../log.js';

/** Passages per turn, as `ask --json --dialogue` shows them by default. */
const PAGE_SIZE = 3;

/**
 * `npm run eval -- --dialogues FILE [--verbose] [--readme]`: runs every dialogue of a dialogue set
 * through the dialogue engine (as `ask --json --dialogue` does), checks each last turn and prints
 * the table per language and check kind; `--readme` writes it between the README's
 * `<!-- dialogues:start -->` and `<!-- dialogues:end -->` markers.
 */
export async function evalDialogues(path: string, options: { verbose: boolean; readme: boolean }): Promise<number> {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new EvalSetError(`cannot read the dialogue set ${file}: pass a JSONL file of {"id","lang","turns","check"} lines`);
  }
  const items = parseDialogueSet(text, file);
  const { service, meta } = await openService(retrievalSettings(process.env), { log });
  const runs: TurnRun[][] = items.map(() => []);
  await runDialogues(
    createDialogueEngine({ service, pageSize: PAGE_SIZE }),
    items.map((d) => d.turns),
    (run, error) => {
      if (error) throw error;
      runs[run.dialogue - 1].push(run);
    },
  );
  const passed = items.map((item, i) => passes(item, runs[i].map(toResult)));
  if (options.verbose) {
    items.forEach((item, i) => {
      const last = runs[i][runs[i].length - 1];
      const ids = answerOf(last)
        .passages.map((p) => p.id)
        .join(', ');
      const verdict = `${passed[i] ? 'ok  ' : 'FAIL'} ${item.id} ${item.lang} ${item.check.padEnd(9)}`;
      log(`${verdict} ${item.turns.join(' → ')} ⇒ ${last.reply.act} ${last.reply.understoodAs ?? ''} → ${ids}`);
    });
  }
  const heading =
    `embedder: ${meta.embedder.id} (${meta.embedder.dims} dims), ${items.length} dialogues from ` +
    `${relative(PROJECT_ROOT, file)}, ${new Date().toISOString().slice(0, 10)}`;
  const body = `${heading}\n\n${dialogueTable(tally(items, passed))}`;
  process.stdout.write(body);
  if (options.readme)
    log(writeReadmeSection('dialogues', body) ? 'README.md dialogue table updated' : 'README.md has no dialogues markers: not written');
  return 0;
}

/** A turn as `ask --json --dialogue` prints it: the passages its reply shows. */
function toResult(run: TurnRun): TurnResult {
  const answer = shownAnswer(run);
  return { act: run.reply.act, answered: answer.answered, passages: answer.passages };
}
