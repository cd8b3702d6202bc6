import type { StorageAdapter } from 'grammy';
import type { DialogueState } from '../dialogue/state.js';
import type { BotContext } from './context.js';

/** The state store namespace of the conversations. */
export const DIALOGUE_NAMESPACE = 'dialogue';

/** Loads and saves the dialogue state of the chat an update comes from, through any grammY storage adapter. */
export interface DialogueSessions {
  load(ctx: BotContext): Promise<DialogueState | undefined>;
  save(ctx: BotContext, state: DialogueState): Promise<void>;
  /** Forgets the chat's dialogue (/start). */
  clear(ctx: BotContext): Promise<void>;
}

/**
 * The key of a chat's dialogue: the chat id in a private chat; chat and user in groups (each
 * member has their own conversation with the bot); undefined for updates without a chat.
 */
export function dialogueKey(ctx: BotContext): string | undefined {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) return undefined;
  if (chat.type === 'private') return String(chat.id);
  return ctx.from ? `${chat.id}:${ctx.from.id}` : undefined;
}

/**
 * Dialogue sessions over a storage adapter (the embedded store's `sessions('dialogue', { ttlS })`,
 * Redis, or `BoundedMemoryStorage`): read once per update, written once after the reply.
 */
export function createDialogueSessions(storage: StorageAdapter<DialogueState>): DialogueSessions {
  return {
    async load(ctx) {
      const key = dialogueKey(ctx);
      return key === undefined ? undefined : (await storage.read(key)) ?? undefined;
    },
    async save(ctx, state) {
      const key = dialogueKey(ctx);
      if (key !== undefined) await storage.write(key, state);
    },
    async clear(ctx) {
      const key = dialogueKey(ctx);
      if (key !== undefined) await storage.delete(key);
    },
  };
}
