import { Composer } from 'grammy';
import { formatHelpHtml } from '../../answer/views.js';
import type { BotContext } from '../context.js';
import { uiLang } from '../locale.js';
import { replyHtml } from '../reply.js';

/** /help: how to ask, the buttons, inline mode, groups, and the commands. */
export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => replyHtml(ctx, [formatHelpHtml(uiLang(ctx), ctx.me.username)]));
  return composer;
}
