import { Composer, GrammyError, InlineKeyboard, type StorageAdapter } from 'grammy';
import { NATIVE_LANG_NAME, t } from '../../answer/i18n.js';
import { escapeHtml } from '../../answer/rich.js';
import { LANGS } from '../../corpus/types.js';
import { encodeAction } from '../callback-data.js';
import type { BotContext, SessionData } from '../context.js';
import { uiLang } from '../locale.js';
import { ack, replyHtml } from '../reply.js';
import { onAction } from './action.js';

/**
 * /lang: kk / ru / en buttons; the choice is written to `users` (the session storage) and the user
 * is told it is saved only once that write has resolved (durable in the embedded store).
 */
export function langFeature(users: StorageAdapter<SessionData>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('lang', (ctx) => {
    const kb = new InlineKeyboard();
    for (const lang of LANGS) kb.text(NATIVE_LANG_NAME[lang], encodeAction({ kind: 'lang', lang })!);
    return replyHtml(ctx, [escapeHtml(t(uiLang(ctx)).langChoose)], { keyboard: kb });
  });
  onAction(composer, 'lang', async (ctx, { lang }) => {
    const key = ctx.from?.id.toString();
    if (key === undefined) return;
    const chosen: SessionData = { ...ctx.session, lang };
    await users.write(key, chosen);
    // a store that is away (Redis down) drops the write: read it back, and never say "saved" when it is not
    if ((await users.read(key))?.lang !== lang) return ack(ctx, t(lang).langNotSaved);
    ctx.session = chosen; // grammY writes it back after the update: the same value, not written again
    const text = escapeHtml(t(lang).langSet);
    // the toast and the edit go out together: one round trip to Telegram per press, not two
    await Promise.all([
      ack(ctx, t(lang).langSet),
      ctx.editMessageText(text).catch(async (err) => {
        if (err instanceof GrammyError && /not modified/.test(err.description)) return;
        if (err instanceof GrammyError && err.error_code === 400) return replyHtml(ctx, [text]); // message gone or too old to edit
        throw err;
      }),
    ]);
  });
  return composer;
}
