import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { t } from '../answer/i18n.js';
import { FINDING_IDS } from '../corpus/sections.js';
import { LANGS, type Lang } from '../corpus/types.js';
import { createDialogueEngine, type DialogueEngine } from '../dialogue/engine.js';
import { dialogueText, suggestionsFor } from '../dialogue/messages.js';
import type { DialogueState } from '../dialogue/state.js';
import { UserError } from '../errors.js';
import type { ArticleService } from '../retrieval/types.js';
import { openService, retrievalSettings } from '../setup.js';
import { replyText, type TurnRun } from './dialogue.js';
import { helpAsked, runEntry } from '../entry.js';
import { log } from '../log.js';

const HELP: Record<Lang, string> = {
  en: `Ask about the article in Kazakh, Russian or English; follow up ("and the fifth?", "why?"), say "more" or "in Russian".
Commands: /help, /lang [kk|ru|en] (interface language), /sections (contents), /findings (the five findings), /quit or Ctrl+D to leave.`,
  ru: `Спрашивайте о статье на казахском, русском или английском; уточняйте («а пятый?», «почему?»), пишите «ещё» или «на казахском».
Команды: /help, /lang [kk|ru|en] (язык интерфейса), /sections (оглавление), /findings (пять выводов), /quit или Ctrl+D — выход.`,
  kk: `Мақала туралы қазақ, орыс немесе ағылшын тілінде сұраңыз; нақтылаңыз («ал бесіншісі ше?», «неге?»), «тағы» не «орысша» деп жазыңыз.
Командалар: /help, /lang [kk|ru|en] (интерфейс тілі), /sections (мазмұны), /findings (бес тұжырым), /quit не Ctrl+D — шығу.`,
};

export interface ChatOptions {
  service: ArticleService;
  input: Readable;
  output: Writable;
  /** Show a prompt and keep line history (a terminal). Defaults to false (a pipe: plain lines in, plain text out). */
  terminal?: boolean;
  /** Interface language at start. Defaults to English. */
  lang?: Lang;
}

/**
 * The terminal chat: reads lines until /quit or the end of input (Ctrl+D) and answers each with the
 * same dialogue engine as the bot (state in memory for the session); `1`–`3` after small talk asks
 * the suggestion with that number. Resolves when the chat ends.
 * ```ts
 * await runChat({ service, input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
 * ```
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const { service, input, output, terminal = false } = options;
  const engine: DialogueEngine = createDialogueEngine({ service });
  const rl = createInterface({ input, output: terminal ? output : undefined, terminal, prompt: '› ', historySize: 200 });
  const write = (text: string) => {
    output.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const blank = () => output.write('\n');
  let ui: Lang = options.lang ?? 'en';
  let state: DialogueState | undefined;
  let offered: string[] = [];

  write(`${HELP[ui]}\n\n`);
  if (terminal) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    // through a pipe the typed line is not on the screen: echo it, so the output reads as a transcript
    if (!terminal && line) write(`› ${line}`);
    if (line === '/quit' || line === '/exit') break;
    if (line.startsWith('/')) {
      const [command, arg] = line.split(/\s+/);
      if (command === '/lang' && LANGS.includes(arg as Lang)) {
        ui = arg as Lang;
        write(t(ui).langSet);
      } else if (command === '/lang')
        write(`${t(ui).langChoose} ${LANGS.join(', ')} (/lang kk)`); // none or an unknown one
      else write(commandText(service, command, ui));
      blank();
    } else if (line) {
      const message = /^[1-9]$/.test(line) && offered[Number(line) - 1] ? offered[Number(line) - 1] : line;
      try {
        const step = await engine.respond(state, message);
        state = step.state;
        const run: TurnRun = { dialogue: 1, turn: 0, message, reply: step.reply };
        offered = step.reply.smalltalk ? suggestionsFor(step.reply.smalltalk).map((i) => dialogueText(step.reply.lang).suggestions[i]) : [];
        write(`${replyText(run)}\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        write(`${err.message}\n\n`); // a turn of the conversation (👍, a long paste), not a failed command
      }
    }
    if (terminal) rl.prompt();
  }
  rl.close();
}

/** The text of /help, /sections and /findings (and of an unknown command) in the interface language. */
function commandText(service: ArticleService, command: string, ui: Lang): string {
  if (command === '/help') return `${HELP[ui]}\n`;
  if (command === '/sections') {
    return `${t(ui).sectionsTitle.replace(/ — .*$/, '')}\n${service
      .sectionIds()
      .map((id) => `  § ${service.sectionTitle(id, ui)}`)
      .join('\n')}\n`;
  }
  if (command === '/findings') {
    const blocks = FINDING_IDS.map(
      (id) =>
        `§ ${service.sectionTitle(id, ui)}\n${service
          .section(id, ui)
          .map((c) => c.text)
          .join('\n')}`,
    );
    return `${t(ui).findingsTitle}\n\n${blocks.join('\n\n')}\n`;
  }
  return `${t(ui).unknownCommand}\n`;
}

const USAGE = 'usage: npm run chat   (type questions; /help inside the chat lists its commands; Ctrl+D or /quit leaves)';

runEntry(import.meta.url, async () => {
  if (helpAsked(process.argv.slice(2), USAGE)) return 0;
  const { service } = await openService(retrievalSettings(process.env), { log });
  await runChat({ service, input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY) });
  return 0;
});
