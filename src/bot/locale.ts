import type { Lang } from '../corpus/types.js';
import type { LangPreference } from '../dialogue/engine.js';
import type { BotContext } from './context.js';

/** Telegram's `language_code` (`ru`, `en-US`, `kk`) as one of ours, or undefined. */
export function telegramLang(code: string | undefined): Lang | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return base === 'kk' || base === 'ru' || base === 'en' ? base : undefined;
}

/**
 * The interface language for a user: the one chosen with /lang, else Telegram's language_code
 * (kk, ru or en), else English. Replies to questions use the question's language instead.
 */
export function uiLang(ctx: BotContext): Lang {
  const { chosen, fallback } = langPreference(ctx);
  return chosen ?? fallback ?? 'en';
}

/** The /lang choice and the Telegram language of the sender, for the dialogue's notices (`noticeLang`). */
export function langPreference(ctx: BotContext): LangPreference {
  return { chosen: ctx.from ? ctx.session.lang : undefined, fallback: telegramLang(ctx.from?.language_code) };
}
