import { Composer, InlineKeyboard } from 'grammy';
import { t } from '../../answer/i18n.js';
import { formatStartHtml } from '../../answer/views.js';
import type { Lang } from '../../corpus/types.js';
import { encodeAction } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';
import { uiLang } from '../locale.js';
import { ack, allowCallback, converse, replyHtml } from '../reply.js';
import { onAction } from './action.js';

/** /start: forgets the conversation; what the bot is, the article, how to ask, and three example questions as buttons that ask them. */
export function startFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('start', async (ctx) => {
    await deps.dialogues.clear(ctx);
    const ui = uiLang(ctx);
    return replyHtml(ctx, [formatStartHtml(ui)], { keyboard: examplesKeyboard(ui) });
  });
  onAction(composer, 'ex', async (ctx, action) => {
    if (!(await allowCallback(ctx, deps))) return;
    await ack(ctx);
    await converse(ctx, deps, (stored) => deps.dialogue.ask(stored, t(action.lang).examples[action.index], action.lang));
  });
  return composer;
}

/** One button per example question, each on its own row. */
export function examplesKeyboard(ui: Lang): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const [index, q] of t(ui).examples.entries()) kb.text(q, encodeAction({ kind: 'ex', lang: ui, index })!).row();
  return kb;
}
