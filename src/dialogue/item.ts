import type { ArticleService } from '../retrieval/types.js';
import { analyse, ordinalOf } from './lexicon.js';
import type { TurnState } from './state.js';

/** A place that is one item of a list: a numbered finding. */
export const LIST_ITEM = /^results\/finding-\d+:/;
/** The part of an item's text its elaboration is searched by. */
const ITEM_QUERY_CHARS = 600;

/** The question that finds what elaborates a finding: its own (Kazakh) text, cut to ITEM_QUERY_CHARS. */
export const deeperQuery = (text: string): string => text.slice(0, ITEM_QUERY_CHARS);

/**
 * The question that finds what elaborates the finding at `place` ("results/finding-4:1"): the
 * Discussion and Conclusion on the same point, not the next findings of the list. By the official
 * Kazakh text, so the ranking is the same whatever language it is shown in. Undefined for another place.
 */
export function itemQuery(service: Pick<ArticleService, 'chunk'>, place: string): string | undefined {
  if (!LIST_ITEM.test(place)) return undefined;
  const chunk = service.chunk(`kk:${place}`);
  return chunk ? deeperQuery(chunk.text) : undefined;
}

/** Whether `question` asks for the numbered finding `id` ("the fourth finding", "төртінші тұжырым"), not a topic it happens to answer. */
export function asksForItem(question: string, id: string): boolean {
  const n = Number(/finding-(\d+)/.exec(id)?.[1] ?? 0);
  const a = analyse(question);
  return n > 0 && a.tokens.some((t) => ordinalOf(a.lex, t.key) === n || t.key === String(n));
}

/**
 * What "More" pages through after one finding asked for by its number: the passages its own words
 * find (the Discussion and Conclusion on the same point), not the next findings of the list the
 * question's ranking goes on with. Undefined for any other turn (a list, a topic a finding happens to answer, an aspect).
 */
export function itemRanking(service: Pick<ArticleService, 'chunk'>, turn: TurnState): Pick<TurnState, 'q' | 'base'> | undefined {
  const items = turn.shown.filter((p) => LIST_ITEM.test(p));
  const place = turn.shown[0];
  if (turn.aspect !== undefined || items.length !== 1 || place !== items[0] || !asksForItem(turn.q, place)) return undefined;
  const q = itemQuery(service, place);
  return q === undefined ? undefined : { q, base: turn.base };
}
