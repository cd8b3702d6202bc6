import { Composer, InlineKeyboard } from 'grammy';
import { t } from '../../answer/i18n.js';
import { escapeHtml } from '../../answer/rich.js';
import { formatSectionHtml } from '../../answer/views.js';
import type { Lang } from '../../corpus/types.js';
import type { ArticleService } from '../../retrieval/types.js';
import { encodeAction } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';
import { uiLang } from '../locale.js';
import { ack, answerStale, replyHtml } from '../reply.js';
import { onAction } from './action.js';

/** /sections: the table of contents as buttons; a button sends the section's text in the user's language. */
export function sectionsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('sections', (ctx) => {
    const ui = uiLang(ctx);
    return replyHtml(ctx, [escapeHtml(t(ui).sectionsTitle)], { keyboard: sectionsKeyboard(deps.service, ui) });
  });
  onAction(composer, 'sec', async (ctx, { sectionId }) => {
    if (!deps.service.sectionIds().includes(sectionId)) return answerStale(ctx);
    await ack(ctx);
    const ui = uiLang(ctx);
    await replyHtml(ctx, formatSectionHtml(deps.service.sectionTitle(sectionId, ui), deps.service.section(sectionId, ui), ui));
  });
  return composer;
}

/** Two section buttons per row, in reading order. */
export function sectionsKeyboard(service: ArticleService, ui: Lang): InlineKeyboard {
  const kb = new InlineKeyboard();
  service.sectionIds().forEach((id, i) => {
    const data = encodeAction({ kind: 'sec', sectionId: id });
    if (!data) return;
    kb.text(service.sectionTitle(id, ui), data);
    if (i % 2 === 1) kb.row();
  });
  return kb;
}
