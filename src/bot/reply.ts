import { InlineKeyboard } from 'grammy';
import { formatAnswerHtml, formatNoAnswerHtml } from '../answer/format.js';
import { fill, t } from '../answer/i18n.js';
import { escapeHtml } from '../answer/rich.js';
import type { Lang } from '../corpus/types.js';
import { UserError } from '../errors.js';
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
 * the last part. In groups the first part replies to the message being answered.
 */
export async function replyHtml(ctx: BotContext, parts: string[], options: { keyboard?: InlineKeyboard } = {}): Promise<void> {
  const group = ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
  const replyTo = group ? ctx.message?.message_id : undefined;
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === parts.length - 1 && options.keyboard ? { reply_markup: options.keyboard } : {}),
      ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
  }
}

/** Plain interface text as an HTML message. */
export const replyNotice = (ctx: BotContext, text: string) => replyHtml(ctx, [escapeHtml(text)]);

/**
 * Answers a question: "typing…", `service.ask`, then the formatted passages with their buttons
 * (or "the article does not address this"). Questions the service rejects (empty, too long) get
 * a hint; other failures get an apology and are rethrown for `bot.catch`.
 */
export async function answerQuestion(ctx: BotContext, deps: BotDeps, question: string, options: { lang?: Lang; offset?: number } = {}): Promise<void> {
  const stopTyping = startTyping(ctx);
  let answer: Answer;
  try {
    answer = await deps.service.ask(question, { lang: options.lang, offset: options.offset ?? 0, limit: PAGE_SIZE });
  } catch (err) {
    const ui = options.lang ?? uiLang(ctx);
    if (err instanceof UserError) return replyNotice(ctx, t(ui).badQuestion);
    await replyNotice(ctx, t(ui).error).catch(() => undefined);
    throw err;
  } finally {
    stopTyping();
  }
  // echo the service's cleaned question: the raw text may hold control, zero-width or direction characters
  if (!answer.answered || answer.passages.length === 0) return replyHtml(ctx, [formatNoAnswerHtml(answer.query, answer.lang)]);
  const key = deps.questions.remember(question, answer.lang);
  await replyHtml(ctx, formatAnswerHtml(answer, answer.lang), { keyboard: answerKeyboard(answer, key) });
}

/**
 * Buttons under an answer: per passage "Original · n" (translated passages only) and
 * "Other languages · n"; then "More ▸" when further passages exist.
 */
export function answerKeyboard(answer: Answer, questionKey: string): InlineKeyboard {
  const m = t(answer.lang);
  const kb = new InlineKeyboard();
  for (const p of answer.passages) {
    const original = p.official ? undefined : encodeAction({ kind: 'orig', chunkId: p.id });
    const langs = encodeAction({ kind: 'langs', chunkId: p.id });
    if (original) kb.text(`${m.original} · ${p.rank}`, original);
    if (langs) kb.text(`${m.otherLangs} · ${p.rank}`, langs);
    if (original || langs) kb.row();
  }
  const shown = answer.passages[answer.passages.length - 1]?.rank ?? 0;
  const more = shown < answer.total ? encodeAction({ kind: 'more', offset: shown, key: questionKey }) : undefined;
  if (more) kb.text(`${m.more} ▸`, more);
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

/** Shows "typing…" now and every 4.5 s until the returned function is called; failures are ignored. */
function startTyping(ctx: BotContext): () => void {
  if (!ctx.chat) return () => undefined;
  const send = () => { ctx.replyWithChatAction('typing').catch(() => undefined); };
  send();
  const timer = setInterval(send, TYPING_EVERY_MS);
  return () => clearInterval(timer);
}
