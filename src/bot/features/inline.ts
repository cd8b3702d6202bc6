import { Composer, InlineQueryResultBuilder } from 'grammy';
import { formatPassageHtml, sectionRef } from '../../answer/format.js';
import { t } from '../../answer/i18n.js';
import { UserError } from '../../errors.js';
import type { Answer } from '../../retrieval/types.js';
import type { BotContext, BotDeps } from '../context.js';
import { uiLang } from '../locale.js';

/** Results per inline query. */
export const INLINE_RESULTS = 5;
/** Seconds Telegram may cache an inline answer. */
export const INLINE_CACHE_S = 10;
const DESCRIPTION_CHARS = 120;
/** Inline queries per user per question window: Telegram sends one per pause in typing, so a few per question. */
export const INLINE_QUERIES_PER_QUESTION = 3;

/**
 * Inline mode (`@bot question` in any chat): up to five passages as article results, each
 * titled with its section reference and sending the passage with its reference and DOI. An empty
 * or unanswerable query gets no results and a button that opens the bot. `deps.limiter` counts
 * each user's queries (its own limiter: `INLINE_QUERIES_PER_QUESTION` × the question limit); over the
 * limit a query is dropped unanswered, costing neither a search nor a Bot API call.
 */
export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    if (!(await deps.limiter.hit(`inline:${ctx.from.id}`)).ok) return;
    const query = ctx.inlineQuery.query.trim();
    const hint = (text: string) => ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_S, button: { text, start_parameter: 'inline' } });
    if (!query) return hint(t(uiLang(ctx)).inlineHint);
    let answer: Answer;
    try {
      answer = await deps.service.ask(query, { limit: INLINE_RESULTS });
    } catch (err) {
      if (err instanceof UserError) return hint(t(uiLang(ctx)).inlineHint);
      throw err;
    }
    if (!answer.answered || answer.passages.length === 0) return hint(t(answer.lang).inlineNothing);
    // the parse mode of a result's message is set here: the default transformer reaches only sendMessage/editMessageText
    const results = answer.passages
      .slice(0, INLINE_RESULTS)
      .map((p) =>
        InlineQueryResultBuilder.article(`p${p.rank}`, sectionRef(p.section.title), { description: clip(p.text) }).text(
          formatPassageHtml(p, answer.lang, query),
          { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        ),
      );
    return ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_S });
  });
  return composer;
}

/** The start of a passage, cut at a word end, at most DESCRIPTION_CHARS characters with the ellipsis. */
function clip(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= DESCRIPTION_CHARS) return text;
  const head = chars.slice(0, DESCRIPTION_CHARS - 1).join('');
  const cut = head.lastIndexOf(' ');
  return `${(cut > DESCRIPTION_CHARS / 2 ? head.slice(0, cut) : head).replace(/[\s,;:]+$/, '')}…`;
}
