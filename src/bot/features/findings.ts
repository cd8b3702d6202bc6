import { Composer } from 'grammy';
import { formatFindingsHtml } from '../../answer/views.js';
import { FINDING_IDS } from '../../corpus/sections.js';
import type { BotContext, BotDeps } from '../context.js';
import { dialogueText } from '../../dialogue/messages.js';
import { uiLang } from '../locale.js';
import { replyHtml } from '../reply.js';

/** /findings: the five numbered findings in the user's language; they become the topic follow-ups build on. */
export function findingsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('findings', async (ctx) => {
    const ui = uiLang(ctx);
    const findings = FINDING_IDS.map((id) => ({ title: deps.service.sectionTitle(id, ui), chunks: deps.service.section(id, ui) }));
    await replyHtml(ctx, formatFindingsHtml(findings, ui));
    // the findings are now the conversation's topic: "and the third?", "why?" follow up on them
    const { state } = await deps.dialogue.ask(await deps.dialogues.load(ctx), dialogueText(ui).suggestions[0], ui);
    await deps.dialogues.save(ctx, state);
  });
  return composer;
}
