import { LANGS, type Lang } from '../corpus/types.js';
import type { Answer, ArticleService, Passage } from '../retrieval/types.js';
import { fold, stem, words } from '../text/fold.js';
import { isContent } from './classify.js';
import { analyse, compile, inList, type WordList } from './lexicon.js';
import { asksForItem, itemQuery } from './item.js';
import { placeOf } from './state.js';
import { ASPECTS, BACK_REFERENCES, type AspectId } from './words.js';

/** What a follow-up asks of the previous topic: the aspects it names, and words of its own. */
export interface AspectQuery {
  aspects: AspectId[];
  /** Stems of its own content words ("corresponding" and "author" in "who of them is the corresponding author?"). */
  stems: string[];
  /** True when it is wordy ("could you give me an example please"): the "↪" line names its aspects instead of quoting it. */
  wordy: boolean;
  lang: Lang;
}

/** Passages asked for per ranking (the service's own cap is 12). */
const POOL = 12;
/** Only the topic's first passages may be lifted by an aspect, so that a cue word far down does not change the subject. */
const WINDOW = 8;
/** The second passage is shown too when it gives the aspect and scores at least this share of the first. */
const SECOND_SHOWN = 0.75;
/** A follow-up longer than this (in words) is named by its aspects in the "↪" line. */
const QUOTED_WORDS = 8;
/** A matched word of the follow-up's own outweighs an aspect's cues (2 for a sign, 1 for a hint). */
const OWN_WORD_WEIGHT = 3;
const YEAR = /(^|\D)(1[89]\d\d|20\d\d)(\D|$)/;

const ASKS: Record<Lang, Array<[AspectId, WordList]>> = Object.fromEntries(
  LANGS.map((lang) => [lang, Object.entries(ASPECTS).map(([id, a]) => [id as AspectId, compile(a.asks[lang], lang)])]),
) as Record<Lang, Array<[AspectId, WordList]>>;

/** A cue: a phrase of word patterns (`x*` starts with x, `*x` ends with x, else the whole folded word), or a year. */
type Cue = string[] | 'year';
const cues = (text: string): Cue[] =>
  text
    .split('|')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => (e === '#year' ? 'year' : fold(e).split(/\s+/)));
/** Openers that draw on the paragraph before (words.ts). */
const BACK = cues(BACK_REFERENCES);
/** Per aspect, its cues by weight: a sign that gives it counts 2, a hint 1. */
const CUES: Record<AspectId, Array<[number, Cue[]]>> = Object.fromEntries(
  Object.entries(ASPECTS).map(([id, a]) => [
    id,
    [
      [2, cues(a.gives)],
      [1, cues(a.hints)],
    ],
  ]),
) as Record<AspectId, Array<[number, Cue[]]>>;

/**
 * Reads what a follow-up asks of the previous topic ("why?" → reason; "who of them is the
 * corresponding author?" → its own words "corresponding", "author"). Pure.
 */
export function readAspect(text: string): AspectQuery {
  const a = analyse(text);
  const asks = ASKS[a.lang];
  const aspects = asks.filter(([, list]) => a.tokens.some((t) => inList(list, t.key))).map(([id]) => id);
  const own = a.tokens.filter((t) => isContent(a.lex, t) && !asks.some(([, list]) => inList(list, t.key)));
  const stems = [...new Set(own.map((t) => stem(t.key, a.lang)))];
  // "could you give me an example please" is named by its aspect; "why is that?" is quoted
  const wordy = a.tokens.length > QUOTED_WORDS || a.tokens.some((t) => inList(a.lex.requests, t.key));
  return { aspects, stems, wordy, lang: a.lang };
}

/**
 * The passages of the previous topic (`base`) re-ranked for what the follow-up asks. Each of the
 * topic's first 8 passages scores its relevance to the topic (share of the best score) times
 * 1 + what it gives: 3 per word of the follow-up's own it has, and per aspect 2 for a sign ("for
 * example", "сондықтан", a year in a reference it cites) or 1 for a hint ("in particular", "қажет"),
 * so an aspect lifts a passage only about as relevant as the best. The best is shown, and the next
 * when it too gives the aspect and scores nearly as high; the others follow. With own words the
 * passages of the rewritten question (`query`) join the topic's. When the topic is one finding, the
 * passages that elaborate it (src/dialogue/item.ts) stand in for the rest of the list. Asked "why?", a paragraph that the
 * next one draws on ("In this regard, …") is the reason: it ranks as high as that next one and is
 * shown first, with it. Undefined when no passage gives
 * anything asked (the caller asks `query` as is). The order does not depend on `lang` (cues are
 * looked up in every language's variant), so "in Russian" shows the same places again.
 */
export async function aspectRanking(
  service: ArticleService,
  base: string,
  query: string,
  asked: AspectQuery,
  lang: Lang | undefined,
): Promise<Answer | undefined> {
  if (asked.aspects.length === 0 && asked.stems.length === 0) return undefined;
  const topic = await service.ask(base, { lang, limit: POOL });
  const own = asked.stems.length > 0 ? await service.ask(query, { lang, limit: POOL }) : undefined;
  // "the fourth finding → why?": the finding's reasons and examples are in the passages that elaborate it (the reader has
  // just read the finding itself), not in the other findings
  const single = topic.answered && (topic.shown ?? topic.passages.length) === 1 ? topic.passages[0] : undefined;
  const item = single && asksForItem(base, single.id) ? itemQuery(service, placeOf(single.id)) : undefined;
  const elaboration = item === undefined ? undefined : await service.ask(item, { lang, limit: POOL });
  const pool = interleave(
    interleave(relevance(item ? [] : topic.passages), relevance((elaboration?.passages ?? []).filter((p) => p.id !== single?.id))),
    relevance(own?.passages ?? []),
  );
  const gives = pool.map(({ p }, i) => (i < WINDOW ? score(service, p, asked) : 0));
  if (!gives.some((g) => g > 0)) return undefined;
  const scored = pool.map(({ p, rel }, i) => ({ p, gives: gives[i], s: i < WINDOW ? rel * (1 + gives[i]) : 0, i }));
  const pairs = asked.aspects.includes('reason') ? antecedents(service, pool.slice(0, WINDOW)) : new Map<number, number>();
  for (const [before, opener] of pairs) scored[before].s = Math.max(scored[before].s, scored[opener].s);
  const order = scored.sort((x, y) => y.s - x.s || (pairs.get(x.i) === y.i ? -1 : pairs.get(y.i) === x.i ? 1 : x.i - y.i));
  const passages = order.map(({ p }, i) => ({ ...p, rank: i + 1 }));
  const second = order[1];
  const reasonThen = second !== undefined && pairs.get(order[0].i) === second.i; // "because …" then "in this regard …"
  const shown = reasonThen || (second && second.gives > 0 && second.s >= SECOND_SHOWN * order[0].s) ? 2 : 1;
  return {
    query,
    lang: topic.answered ? topic.lang : (own?.lang ?? topic.lang),
    answered: true,
    passages,
    total: passages.length,
    shown,
    coverage: topic.coverage ?? own?.coverage,
  };
}

/**
 * The paragraphs of `pool` that the next paragraph of their section draws on ("In this regard, …"),
 * when both are in the pool: index of the one before → index of the opener.
 */
function antecedents(service: ArticleService, pool: Array<{ p: Passage }>): Map<number, number> {
  const at = new Map(pool.map(({ p }, i) => [placeOf(p.id), i]));
  const pairs = new Map<number, number>();
  pool.forEach(({ p }, opener) => {
    const m = /^(.*):(\d+)$/.exec(placeOf(p.id));
    const before = m ? at.get(`${m[1]}:${Number(m[2]) - 1}`) : undefined;
    if (before === undefined || pairs.has(before)) return;
    const texts = service.variants(p.id).map((c) => c.text);
    if ((texts.length > 0 ? texts : [p.text, p.sourceText]).some((t) => BACK.some((cue) => cue !== 'year' && opensWith(words(t), cue))))
      pairs.set(before, opener);
  });
  return pairs;
}

/** A page of a ranking: the first shows its best passages (the rest after "More"), later pages all of theirs. */
export function pageOf(ranked: Answer, offset: number, limit: number): Answer {
  const passages = ranked.passages.slice(offset, offset + Math.max(limit, offset === 0 ? (ranked.shown ?? 0) : 0));
  return { ...ranked, passages, shown: offset === 0 ? Math.min(ranked.shown ?? passages.length, passages.length) : passages.length };
}

/** Each passage with its score as a share of the list's best (1 for all when scores are not positive). */
function relevance(list: Passage[]): Array<{ p: Passage; rel: number }> {
  const best = Math.max(0, ...list.map((p) => p.score));
  return list.map((p) => ({ p, rel: best > 0 ? Math.max(0, p.score) / best : 1 }));
}

/** Two rankings merged rank by rank (first list first on a tie), each place once. */
function interleave<T extends { p: Passage }>(a: T[], b: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    for (const x of [a[i], b[i]]) {
      if (x && !seen.has(placeOf(x.p.id))) {
        seen.add(placeOf(x.p.id));
        out.push(x);
      }
    }
  }
  return out;
}

/** What a passage gives of what was asked: 3 per own word it has, plus per aspect the weight of its strongest cue (2 or 1). */
function score(service: ArticleService, p: Passage, asked: AspectQuery): number {
  const variants = service.variants(p.id);
  const texts: Array<[string, Lang]> =
    variants.length > 0
      ? variants.map((c) => [c.text, c.lang])
      : [
          [p.text, p.lang],
          [p.sourceText, 'kk'],
        ];
  const tokens = texts.map(([text]) => words(text));
  const stems = new Set(texts.flatMap(([, lang], i) => tokens[i].map((w) => stem(w, lang))));
  const own = asked.stems.filter((s) => stems.has(s)).length;
  const years = [...texts.map(([t]) => t), ...p.citations.map((c) => c.text)].some((t) => YEAR.test(t));
  const found = (cue: Cue) => (cue === 'year' ? years : tokens.some((ws) => hasPhrase(ws, cue)));
  const aspects = asked.aspects.map((id) => CUES[id].find(([, list]) => list.some(found))?.[0] ?? 0);
  return OWN_WORD_WEIGHT * own + aspects.reduce((a, b) => a + b, 0);
}

function opensWith(ws: string[], cue: string[]): boolean {
  return cue.length <= ws.length && cue.every((c, j) => fits(ws[j], c));
}

function hasPhrase(ws: string[], cue: string[]): boolean {
  for (let i = 0; i + cue.length <= ws.length; i++) if (cue.every((c, j) => fits(ws[i + j], c))) return true;
  return false;
}

function fits(word: string, pattern: string): boolean {
  if (pattern.length > 1 && pattern.endsWith('*')) return word.startsWith(pattern.slice(0, -1));
  if (pattern.length > 1 && pattern.startsWith('*')) return word.endsWith(pattern.slice(1));
  return word === pattern;
}
