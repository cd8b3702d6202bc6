import { Composer } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { questionText } from '../group.js';
import { langPreference } from '../locale.js';
import { allowQuestion, converse, replyBadQuestion } from '../reply.js';

/**
 * Any text message that is not a command is a turn of the conversation about the article (in
 * groups only the ones the group gate let through, @mentions of the bot removed): a question, a
 * follow-up, "more", "in Russian" or small talk. A reply to one of the bot's answers continues
 * that answer's conversation. Rate-limited per user.
 */
export function askFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const question = questionText(ctx.message.text, ctx.me.username);
    if (!question) return replyBadQuestion(ctx);
    if (!(await allowQuestion(ctx, deps))) return;
    const quoted = ctx.message.reply_to_message;
    const replyTo = quoted && quoted.from?.id === ctx.me.id ? quoted.message_id : undefined;
    await converse(ctx, deps, (stored) => deps.dialogue.respond(stored, question, { replyTo, lang: langPreference(ctx) }));
  });
  return composer;
}
