import { Composer } from 'grammy';
import { t } from '../../answer/i18n.js';
import type { BotContext } from '../context.js';
import { uiLang } from '../locale.js';
import { replyNotice } from '../reply.js';

/**
 * Registered last: in private chats, unknown commands and non-text messages get a pointer to
 * /help; in groups nothing is said.
 */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message', (ctx) => {
    const m = t(uiLang(ctx));
    return replyNotice(ctx, ctx.message.text?.startsWith('/') ? m.unknownCommand : m.unhandled);
  });
  return composer;
}
