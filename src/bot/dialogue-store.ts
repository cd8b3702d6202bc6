import type { StorageAdapter } from 'grammy';
import type { DialogueState } from '../dialogue/state.js';
import type { BotContext } from './context.js';

/** The state store namespace of the conversations. */
export const DIALOGUE_NAMESPACE = 'dialogue';

/** Loads and saves the dialogue state of the chat an update comes from, through any grammY storage adapter. */
export interface DialogueSessions {
  /** `member`: in a group, whose conversation (defaults to the sender's; "More" under another member's answer pages theirs). */
  load(ctx: BotContext, member?: number): Promise<DialogueState | undefined>;
  save(ctx: BotContext, state: DialogueState, member?: number): Promise<void>;
  /** Forgets the chat's dialogue (/start). */
  clear(ctx: BotContext): Promise<void>;
}

/**
 * The key of a chat's dialogue: the chat id in a private chat; chat and user in groups (each
 * member has their own conversation with the bot: the sender's, or `member`'s); undefined for
 * updates without a chat.
 */
export function dialogueKey(ctx: BotContext, member = ctx.from?.id): string | undefined {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) return undefined;
  if (chat.type === 'private') return String(chat.id);
  return member !== undefined ? `${chat.id}:${member}` : undefined;
}

/**
 * Dialogue sessions over a storage adapter (the embedded store's `sessions('dialogue', { ttlS })`,
 * Redis, or `BoundedMemoryStorage`): read once per update, written once after the reply.
 */
export function createDialogueSessions(storage: StorageAdapter<DialogueState>): DialogueSessions {
  return {
    async load(ctx, member) {
      const key = dialogueKey(ctx, member);
      return key === undefined ? undefined : ((await storage.read(key)) ?? undefined);
    },
    async save(ctx, state, member) {
      const key = dialogueKey(ctx, member);
      if (key !== undefined) await storage.write(key, state);
    },
    async clear(ctx) {
      const key = dialogueKey(ctx);
      if (key !== undefined) await storage.delete(key);
    },
  };
}
