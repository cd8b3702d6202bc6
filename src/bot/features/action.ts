import type { Composer } from 'grammy';
import { decodeAction, type Action } from '../callback-data.js';
import type { BotContext } from '../context.js';

/** Handles presses of buttons whose callback data decodes to an action of `kind`; others pass on. */
export function onAction<K extends Action['kind']>(
  composer: Composer<BotContext>,
  kind: K,
  handler: (ctx: BotContext, action: Extract<Action, { kind: K }>) => Promise<unknown>,
): void {
  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (action?.kind !== kind) return next();
    await handler(ctx, action as Extract<Action, { kind: K }>);
  });
}
