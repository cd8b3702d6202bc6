import { InlineKeyboard } from 'grammy';
import { formatAnswerHtml, formatNoAnswerHtml } from '../answer/format.js';
import type { SmalltalkKind } from '../dialogue/classify.js';
import { shownCount, type DialogueReply, type DialogueStep } from '../dialogue/engine.js';
import { dialogueText, suggestionsFor, understoodLine } from '../dialogue/messages.js';
import { attachMessages, type DialogueState } from '../dialogue/state.js';
import { fill, t } from '../answer/i18n.js';
import { escapeHtml } from '../answer/rich.js';
import type { Lang } from '../corpus/types.js';
import { UserError } from '../errors.js';
import { MAX_QUESTION_CHARS } from '../retrieval/question.js';
import type { Answer } from '../retrieval/types.js';
import { encodeAction } from './callback-data.js';
import type { BotContext, BotDeps } from './context.js';
import { uiLang } from './locale.js';

/** Passages per reply (and per "More"). */
export const PAGE_SIZE = 3;
/** Telegram shows "typing…" for about 5 s: it is renewed this often while an answer is prepared. */
const TYPING_EVERY_MS = 4500;

/**
 * Sends Telegram HTML parts as consecutive messages (link previews off); the keyboard goes under
 * the last part. In groups the first part replies to the message being answered. Resolves with
 * the ids of the messages sent.
 */
export async function replyHtml(ctx: BotContext, parts: string[], options: { keyboard?: InlineKeyboard } = {}): Promise<number[]> {
  const group = ctx.hasChatType(['group', 'supergroup']);
  const replyTo = group ? ctx.message?.message_id : undefined;
  const ids: number[] = [];
  for (const [i, part] of parts.entries()) {
    const sent = await ctx.reply(part, {
      link_preview_options: { is_disabled: true },
      ...(i === parts.length - 1 && options.keyboard ? { reply_markup: options.keyboard } : {}),
      ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
    ids.push(sent.message_id);
  }
  return ids;
}

/** Plain interface text as an HTML message. */
export const replyNotice = (ctx: BotContext, text: string) => replyHtml(ctx, [escapeHtml(text)]);

/** "Type a question as text, up to MAX_QUESTION_CHARS characters" in the user's language. */
export const replyBadQuestion = (ctx: BotContext) => replyNotice(ctx, fill(t(uiLang(ctx)).badQuestion, { max: MAX_QUESTION_CHARS }));

/**
 * Runs one dialogue step for a message ("typing…" meanwhile), sends its reply and saves the chat's
 * dialogue state with the ids of the messages sent. Messages the service rejects (empty, too
 * long) get a hint; other failures get an apology and are rethrown for `bot.catch`.
 */
export async function converse(
  ctx: BotContext,
  deps: BotDeps,
  step: (stored: DialogueState | undefined) => Promise<DialogueStep>,
): Promise<void> {
  const stored = await deps.dialogues.load(ctx);
  const stopTyping = startTyping(ctx);
  let result: DialogueStep;
  try {
    result = await step(stored);
  } catch (err) {
    const ui = uiLang(ctx);
    if (err instanceof UserError) {
      await replyBadQuestion(ctx);
      return;
    }
    await replyNotice(ctx, t(ui).error).catch(() => undefined);
    throw err;
  } finally {
    stopTyping();
  }
  await deliver(ctx, deps, result);
}

/**
 * Sends a step's reply and saves its state, the reply's message ids attached to the turn it shows.
 * `member`: in a group, whose conversation it is (defaults to the sender; "More" pressed under
 * another member's answer continues theirs); its "More" button names them so any member can page it.
 */
export async function deliver(ctx: BotContext, deps: BotDeps, { reply, state }: DialogueStep, member = ctx.from?.id): Promise<void> {
  const group = ctx.hasChatType(['group', 'supergroup']);
  const ids = await replyHtml(ctx, ...replyParts(reply, group ? member : undefined));
  await deps.dialogues.save(ctx, attachMessages(state, reply.turn, ids), member);
}

/**
 * The messages of a dialogue reply: small talk with example-question buttons, a notice, "not
 * addressed", or the passages with their buttons — for a follow-up under one line
 * "↪ what it was understood as".
 */
export function replyParts(reply: DialogueReply, owner?: number): [string[], { keyboard?: InlineKeyboard }] {
  const d = dialogueText(reply.lang);
  if (reply.smalltalk)
    return [
      [`${escapeHtml(d.smalltalk[reply.smalltalk])}\n\n${escapeHtml(d.tryAsking)}`],
      { keyboard: suggestionsKeyboard(reply.smalltalk, reply.lang) },
    ];
  const answer = reply.answer;
  if (reply.notice || !answer) return [[escapeHtml(d[reply.notice ?? 'askFirst'])], {}];
  // echo the service's cleaned question: the raw text may hold control, zero-width or direction characters
  if (!answer.answered || answer.passages.length === 0) return [[formatNoAnswerHtml(answer.query, answer.lang)], {}];
  const parts = formatAnswerHtml(answer, answer.lang);
  if (reply.showUnderstood && reply.understoodAs) parts[0] = `<i>${escapeHtml(understoodLine(reply.understoodAs))}</i>\n\n${parts[0]}`;
  return [parts, { keyboard: answerKeyboard(answer, reply.key, owner) }];
}

/** Replies showing more passages than this (whole lists) get no per-passage buttons. */
const PASSAGE_BUTTONS_UP_TO = 3;

/**
 * Buttons under an answer: per passage shown "Original · n" (translated passages only) and
 * "Other languages · n", up to 3 passages; then "More ▸" when further passages exist after the ones shown
 * (naming the group member whose conversation it pages, `owner`, when given).
 */
export function answerKeyboard(answer: Answer, turnKey: string, owner?: number): InlineKeyboard {
  const m = t(answer.lang);
  const kb = new InlineKeyboard();
  const shown = answer.passages.slice(0, shownCount(answer));
  // a whole list (18 references, 5 findings) would bury the reply under its buttons
  for (const p of shown.length <= PASSAGE_BUTTONS_UP_TO ? shown : []) {
    const original = p.official ? undefined : encodeAction({ kind: 'orig', chunkId: p.id });
    const langs = encodeAction({ kind: 'langs', chunkId: p.id });
    if (original) kb.text(`${m.original} · ${p.rank}`, original);
    if (langs) kb.text(`${m.otherLangs} · ${p.rank}`, langs);
    if (original || langs) kb.row();
  }
  const last = shown[shown.length - 1]?.rank ?? 0;
  const more =
    last < answer.total && turnKey
      ? encodeAction({ kind: 'more', offset: last, key: turnKey, ...(owner === undefined ? {} : { owner }) })
      : undefined;
  if (more) kb.text(`${m.more} ▸`, more);
  return kb;
}

/** Small talk's example questions, one button each, asked through the dialogue when pressed. */
export function suggestionsKeyboard(kind: SmalltalkKind, lang: Lang): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const index of suggestionsFor(kind))
    kb.text(dialogueText(lang).suggestions[index], encodeAction({ kind: 'try', lang, index })!).row();
  return kb;
}

/** Counts a question of the sender; when over the limit, says so once per window. */
export async function allowQuestion(ctx: BotContext, deps: BotDeps): Promise<boolean> {
  const verdict = await deps.limiter.hit(String(ctx.from?.id ?? ctx.chat?.id ?? 0));
  if (verdict.ok) return true;
  if (verdict.notify) await replyNotice(ctx, fill(t(uiLang(ctx)).rateLimited, { s: verdict.retryAfterS }));
  return false;
}

/** `allowQuestion` for a button press: the callback query is answered with the notice when limited. */
export async function allowCallback(ctx: BotContext, deps: BotDeps): Promise<boolean> {
  const verdict = await deps.limiter.hit(String(ctx.from?.id ?? 0));
  if (verdict.ok) return true;
  await ack(ctx, fill(t(uiLang(ctx)).rateLimited, { s: verdict.retryAfterS }));
  return false;
}

/**
 * Answers a button press (stops the button's spinner), optionally with a short notice. A failure
 * (e.g. "query is too old" after downtime) is ignored so that the reply itself is still sent.
 */
export async function ack(ctx: BotContext, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
}

/** Answers a button press that can no longer be served (old, forged, or its target is gone). */
export const answerStale = (ctx: BotContext) => ack(ctx, t(uiLang(ctx)).stale);

/**
 * Shows "typing…" now and every 4.5 s until the returned function is called; failures are ignored.
 * Not @grammyjs/auto-chat-action (0.1, pre-1.0): it keeps the action going until the whole handler
 * returns, i.e. also while the reply is being sent; here it stops once the answer is ready.
 */
function startTyping(ctx: BotContext): () => void {
  if (!ctx.chat) return () => undefined;
  const send = () => {
    ctx.replyWithChatAction('typing').catch(() => undefined);
  };
  send();
  const timer = setInterval(send, TYPING_EVERY_MS);
  return () => clearInterval(timer);
}
