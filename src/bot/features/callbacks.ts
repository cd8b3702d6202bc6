import { Composer } from 'grammy';
import { formatOriginalHtml, formatVariantsHtml } from '../../answer/views.js';
import type { BotContext, BotDeps } from '../context.js';
import { dialogueText } from '../../dialogue/messages.js';
import { ack, allowCallback, answerStale, converse, deliver, replyHtml } from '../reply.js';
import { onAction } from './action.js';

/**
 * The buttons under an answer — "More" (next passages of that answer's question), small talk's
 * example questions, "Original"
 * (the Kazakh text of a translated passage), "Other languages" — and a polite answer to every
 * other button press (stale, forged or from an older version), registered after all features.
 */
export function callbacksFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onAction(composer, 'more', async (ctx, { key, owner }) => {
    // the turn is found by the message the button is under (after a restart too), else by its key;
    // it pages on from what it has shown so far, so a button pressed twice never repeats a passage;
    // in a group it is the conversation of the member the button names, whoever presses it
    const stored = await deps.dialogues.load(ctx, owner);
    const step = await deps.dialogue.more(stored, { messageId: ctx.callbackQuery?.message?.message_id, key });
    if (!step) return answerStale(ctx);
    if (!(await allowCallback(ctx, deps))) return;
    await ack(ctx);
    await deliver(ctx, deps, step, owner);
  });
  onAction(composer, 'try', async (ctx, { lang, index }) => {
    const question = dialogueText(lang).suggestions[index];
    if (!question) return answerStale(ctx);
    if (!(await allowCallback(ctx, deps))) return;
    await ack(ctx);
    await converse(ctx, deps, (stored) => deps.dialogue.ask(stored, question, lang));
  });
  onAction(composer, 'orig', async (ctx, { chunkId }) => {
    const chunk = deps.service.chunk(chunkId);
    if (!chunk) return answerStale(ctx);
    await ack(ctx);
    await replyHtml(ctx, formatOriginalHtml(deps.service.sectionTitle(chunk.sectionId, chunk.lang), chunk, chunk.lang));
  });
  onAction(composer, 'langs', async (ctx, { chunkId }) => {
    const chunk = deps.service.chunk(chunkId);
    const others = chunk ? deps.service.variants(chunkId).filter((v) => v.lang !== chunk.lang) : [];
    if (!chunk || others.length === 0) return answerStale(ctx);
    await ack(ctx);
    const variants = others.map((v) => ({ title: deps.service.sectionTitle(v.sectionId, v.lang), chunk: v }));
    await replyHtml(ctx, formatVariantsHtml(variants, chunk.lang));
  });
  composer.on('callback_query', (ctx) => answerStale(ctx));
  return composer;
}
