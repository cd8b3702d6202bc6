import { Composer } from 'grammy';
import { formatFindingsHtml } from '../../answer/views.js';
import { FINDING_IDS } from '../../corpus/sections.js';
import type { BotContext, BotDeps } from '../context.js';
import { uiLang } from '../locale.js';
import { replyHtml } from '../reply.js';

/** /findings: the five numbered findings in the user's language. */
export function findingsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('findings', (ctx) => {
    const ui = uiLang(ctx);
    const findings = FINDING_IDS.map((id) => ({ title: deps.service.sectionTitle(id, ui), chunks: deps.service.section(id, ui) }));
    return replyHtml(ctx, formatFindingsHtml(findings, ui));
  });
  return composer;
}
