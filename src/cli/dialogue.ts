import { formatAnswerText } from '../answer/format.js';
import type { DialogueEngine, DialogueReply } from '../dialogue/engine.js';
import { dialogueText, smalltalkText, understoodLine } from '../dialogue/messages.js';
import type { DialogueState } from '../dialogue/state.js';
import type { Answer } from '../retrieval/types.js';

/** One turn of a dialogue run: the message, and what the engine made of it. */
export interface TurnRun {
  dialogue: number;
  turn: number;
  message: string;
  reply: DialogueReply;
}

/** A dialogue file's text → dialogues: one turn per non-empty line, an empty line between dialogues. Pure. */
export function parseDialogueFile(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((d) => d.length > 0);
}

/**
 * Runs dialogues through the engine, each from an empty state kept in memory (as the bot keeps
 * it), and hands every turn to `onTurn` in order. A turn the service rejects (e.g. too long) is
 * passed with the error instead.
 */
export async function runDialogues(
  engine: DialogueEngine,
  dialogues: string[][],
  onTurn: (run: TurnRun, error?: Error) => void,
): Promise<void> {
  for (const [d, turns] of dialogues.entries()) {
    let state: DialogueState | undefined;
    for (const [t, message] of turns.entries()) {
      const at = { dialogue: d + 1, turn: t + 1, message };
      try {
        const step = await engine.respond(state, message);
        state = step.state;
        onTurn({ ...at, reply: step.reply });
      } catch (err) {
        onTurn(
          { ...at, reply: { act: 'question', lang: 'en', understoodAs: null, showUnderstood: false, turn: -1, key: '' } },
          err as Error,
        );
      }
    }
  }
}

/** The answer a reply stands for: the retrieval answer, or an unanswered one for small talk and notices. */
export function answerOf(run: TurnRun): Answer {
  return run.reply.answer ?? { query: run.message, lang: run.reply.lang, answered: false, passages: [], total: 0 };
}

/**
 * The answer of a turn as the reader saw it: only the passages its reply shows (the rest of the
 * ranking stays behind "More", and the next turn continues from what was shown).
 */
export function shownAnswer(run: TurnRun): Answer {
  const answer = answerOf(run);
  const shown = answer.passages.slice(0, answer.shown ?? answer.passages.length);
  return { ...answer, passages: shown, shown: shown.length };
}

/** The reply as plain text: the "↪" line for follow-ups, then the passages (or small talk, or a notice). */
export function replyText(run: TurnRun): string {
  const { reply } = run;
  if (reply.smalltalk) return `${smalltalkText(reply.smalltalk, reply.lang)}\n`;
  if (reply.notice) return `${dialogueText(reply.lang)[reply.notice]}\n`;
  // the terminal shows what Telegram shows (the passages the reply shows): "more" continues after them
  const answer = answerOf(run);
  const body = `${formatAnswerText(answer, answer.lang)}
`;
  return reply.showUnderstood && reply.understoodAs ? `${understoodLine(reply.understoodAs)}\n\n${body}` : body;
}

/**
 * The `ask --json --dialogue` object of a turn: every `ask --json` field, then dialogue, turn, act,
 * understoodAs. A turn's `passages` are the ones its reply shows (`shownAnswer`).
 */
export function turnJson(run: TurnRun, toJson: (answer: Answer) => Record<string, unknown>): Record<string, unknown> {
  // `query` is what the reader typed; `understoodAs` the standalone question retrieval ran
  return {
    ...toJson({ ...shownAnswer(run), query: run.message }),
    reply: replyText(run).trimEnd(),
    dialogue: run.dialogue,
    turn: run.turn,
    act: run.reply.act,
    understoodAs: run.reply.understoodAs,
  };
}
