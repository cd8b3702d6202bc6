import type { Message, UserFromGetMe } from 'grammy/types';
import { Composer } from 'grammy';
import type { BotContext } from './context.js';

/** True when a message starts with a bot command (`/help`, `/help@bot`). */
export function isCommand(msg: Message): boolean {
  return msg.entities?.[0]?.type === 'bot_command' && msg.entities[0].offset === 0;
}

/** True when a message mentions the bot by @username or by a text mention. */
export function mentionsBot(msg: Message, me: UserFromGetMe): boolean {
  const text = msg.text ?? msg.caption ?? '';
  const entities = msg.entities ?? msg.caption_entities ?? [];
  return entities.some(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${me.username.toLowerCase()}`) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
}

/** True when a message replies to one of the bot's messages. */
export function repliesToBot(msg: Message, me: UserFromGetMe): boolean {
  return msg.reply_to_message?.from?.id === me.id;
}

/**
 * In groups, lets through only messages meant for the bot (commands, mentions, replies to it) and
 * drops other chatter silently. Private chats, callbacks and inline queries pass unchanged.
 */
export function groupGate(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer
    .chatType(['group', 'supergroup'])
    .on('message', (ctx, next) =>
      isCommand(ctx.message) || mentionsBot(ctx.message, ctx.me) || repliesToBot(ctx.message, ctx.me) ? next() : undefined,
    );
  return composer;
}

/** The question in a message: its text without @mentions of the bot, white space collapsed. */
export function questionText(text: string, botUsername: string): string {
  const mention = new RegExp(`@${botUsername.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`, 'gi');
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
