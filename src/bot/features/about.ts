import { Composer } from 'grammy';
import { formatAboutHtml } from '../../answer/views.js';
import type { BotContext } from '../context.js';
import { uiLang } from '../locale.js';
import { replyHtml } from '../reply.js';

/** /about: the article's title in three languages, authors, DOI, licence and link. */
export function aboutFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('about', (ctx) => replyHtml(ctx, [formatAboutHtml(uiLang(ctx))]));
  return composer;
}
