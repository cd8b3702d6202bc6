import { Composer } from 'grammy';
import { formatOriginalHtml, formatVariantsHtml } from '../../answer/views.js';
import type { BotContext, BotDeps } from '../context.js';
import { ack, allowCallback, answerQuestion, answerStale, replyHtml } from '../reply.js';
import { onAction } from './action.js';

/**
 * The buttons under an answer — "More" (next passages of the remembered question), "Original"
 * (the Kazakh text of a translated passage), "Other languages" — and a polite answer to every
 * other button press (stale, forged or from an older version), registered after all features.
 */
export function callbacksFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onAction(composer, 'more', async (ctx, { offset, key }) => {
    const cached = deps.questions.get(key);
    if (!cached) return answerStale(ctx);
    if (!(await allowCallback(ctx, deps))) return;
    await ack(ctx);
    await answerQuestion(ctx, deps, cached.question, { lang: cached.lang, offset });
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
