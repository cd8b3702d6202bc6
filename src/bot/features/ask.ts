import { Composer } from 'grammy';
import { t } from '../../answer/i18n.js';
import type { BotContext, BotDeps } from '../context.js';
import { questionText } from '../group.js';
import { uiLang } from '../locale.js';
import { allowQuestion, answerQuestion, replyNotice } from '../reply.js';

/**
 * Any text message that is not a command is a question about the article (in groups only the
 * ones the group gate let through, @mentions of the bot removed). Rate-limited per user.
 */
export function askFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const question = questionText(ctx.message.text, ctx.me.username);
    if (!question) return replyNotice(ctx, t(uiLang(ctx)).badQuestion);
    if (!(await allowQuestion(ctx, deps))) return;
    await answerQuestion(ctx, deps, question);
  });
  return composer;
}
