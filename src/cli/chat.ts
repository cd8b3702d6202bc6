import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Lang } from '../corpus/types.js';
import { createDialogueEngine, type DialogueEngine } from '../dialogue/engine.js';
import { dialogueText, suggestionsFor } from '../dialogue/messages.js';
import type { DialogueState } from '../dialogue/state.js';
import { UserError } from '../errors.js';
import type { ArticleService } from '../retrieval/types.js';
import { openService, retrievalSettings } from '../setup.js';
import { chatCommand, chatHelp } from './chat-commands.js';
import { replyText, type TurnRun } from './dialogue.js';
import { helpAsked, runEntry } from '../entry.js';
import { log } from '../log.js';

export interface ChatOptions {
  service: ArticleService;
  input: Readable;
  output: Writable;
  /** Show a prompt and keep line history (a terminal). Defaults to false (a pipe: plain lines in, plain text out). */
  terminal?: boolean;
  /** Interface language until /lang chooses one (and of notices before the conversation has a language). Defaults to English. */
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
  const fallback: Lang = options.lang ?? 'en';
  let chosen: Lang | undefined;
  let state: DialogueState | undefined;
  let offered: string[] = [];

  write(`${chatHelp(fallback)}\n\n`);
  if (terminal) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    // through a pipe the typed line is not on the screen: echo it, so the output reads as a transcript
    if (!terminal && line) write(`› ${line}`);
    if (line === '/quit' || line === '/exit') break;
    if (line.startsWith('/')) {
      const done = chatCommand(service, line, chosen ?? fallback);
      chosen = done.lang ?? chosen;
      if (done.reset) state = undefined;
      offered = done.offer ?? [];
      if (done.topic) state = (await engine.ask(state, done.topic, chosen ?? fallback)).state;
      write(`${done.text}\n`);
      blank();
    } else if (line) {
      const message = /^[1-9]$/.test(line) && offered[Number(line) - 1] ? offered[Number(line) - 1] : line;
      try {
        const step = await engine.respond(state, message, { lang: { chosen, fallback } });
        state = step.state;
        const run: TurnRun = { dialogue: 1, turn: 0, message, reply: step.reply };
        offered = step.reply.smalltalk ? suggestionsFor(step.reply.smalltalk).map((i) => dialogueText(step.reply.lang).suggestions[i]) : [];
        write(`${replyText(run)}\n`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        write(`${err.message}\n\n`); // a turn the service refused, not a failed command
      }
    }
    if (terminal) rl.prompt();
  }
  rl.close();
}

const USAGE = 'usage: npm run chat   (type questions; /help inside the chat lists its commands; Ctrl+D or /quit leaves)';

runEntry(import.meta.url, async () => {
  if (helpAsked(process.argv.slice(2), USAGE)) return 0;
  const { service } = await openService(retrievalSettings(process.env), { log });
  await runChat({ service, input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY) });
  return 0;
});
