import { LANGS, type Lang } from '../corpus/types.js';
import type { Answer, ArticleService, Passage } from '../retrieval/types.js';
import { fold, stem, words } from '../text/fold.js';
import { isContent } from './classify.js';
import { analyse, compile, inList, phraseAt, type WordList } from './lexicon.js';
import { placeOf } from './state.js';
import { ASPECTS, type AspectId } from './words.js';

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
/** Passages an aspect answer shows at most (the rest wait behind "More"). */
const SHOWN = 2;
/** A follow-up longer than this (in words) is named by its aspects in the "↪" line. */
const QUOTED_WORDS = 5;
/** A matched word of the follow-up's own outweighs this many matched aspects. */
const OWN_WORD_WEIGHT = 3;
const YEAR = /(^|\D)(1[89]\d\d|20\d\d)(\D|$)/;

const ASKS: Record<Lang, Array<[AspectId, WordList]>> = Object.fromEntries(LANGS.map((lang) =>
  [lang, Object.entries(ASPECTS).map(([id, a]) => [id as AspectId, compile(a.asks[lang], lang)])])) as Record<Lang, Array<[AspectId, WordList]>>;

/** A cue: a phrase of word patterns (`x*` starts with x, `*x` ends with x, else the whole folded word), or a year. */
type Cue = string[] | 'year';
const GIVES: Record<AspectId, Cue[]> = Object.fromEntries(Object.entries(ASPECTS).map(([id, a]) =>
  [id, a.gives.split('|').map((e) => e.trim()).filter(Boolean).map((e): Cue => (e === '#year' ? 'year' : fold(e).split(/\s+/)))])) as Record<AspectId, Cue[]>;

/**
 * Reads what a follow-up asks of the previous topic ("why?" → reason; "who of them is the
 * corresponding author?" → its own words "corresponding", "author"). Pure.
 */
export function readAspect(text: string): AspectQuery {
  const a = analyse(text);
  const aspects = ASKS[a.lang].filter(([, list]) => a.tokens.some((t, i) => phraseAt(list, a.tokens, i) > 0 || inList(list, t.key))).map(([id]) => id);
  const own = a.tokens.filter((t) => isContent(a.lex, t) && !aspects.some((id) => inList(ASKS[a.lang].find(([x]) => x === id)![1], t.key)));
  const stems = [...new Set(own.map((t) => stem(t.key, a.lang)))];
  const wordy = a.tokens.length > QUOTED_WORDS || a.tokens.some((t) => inList(a.lex.fillers, t.key) && !inList(a.lex.anaphora, t.key) && !inList(a.lex.interrogatives, t.key));
  return { aspects, stems, wordy, lang: a.lang };
}

/**
 * The passages of the previous topic (`base`) re-ranked for what the follow-up asks: a passage
 * with the follow-up's own words, then one with an aspect's cue words ("because", "қажеттілігі",
 * "for example", a year in a reference it cites) comes first; the others follow in the topic's
 * order. With own words, the passages of the rewritten question (`query`) join the topic's.
 * Undefined when no passage among the topic's first 8 has any of them (the caller asks `query` as is).
 * The order does not depend on `lang` (cues are looked up in every language's variant), so
 * "in Russian" shows the same places again.
 */
export async function aspectRanking(service: ArticleService, base: string, query: string, asked: AspectQuery, lang: Lang | undefined): Promise<Answer | undefined> {
  if (asked.aspects.length === 0 && asked.stems.length === 0) return undefined;
  const topic = await service.ask(base, { lang, limit: POOL });
  const own = asked.stems.length > 0 ? await service.ask(query, { lang, limit: POOL }) : undefined;
  const pool = interleave(topic.passages, own?.passages ?? []);
  const scores = pool.map((p, i) => (i < WINDOW ? score(service, p, asked) : 0));
  const best = Math.max(0, ...scores);
  if (best === 0) return undefined;
  const order = pool.map((p, i) => ({ p, s: scores[i], i })).sort((x, y) => y.s - x.s || x.i - y.i);
  const passages = order.map(({ p }, i) => ({ ...p, rank: i + 1 }));
  const shown = Math.min(SHOWN, order.filter((o) => o.s === best).length);
  return { query, lang: topic.answered ? topic.lang : own?.lang ?? topic.lang, answered: true, passages, total: passages.length, shown, coverage: topic.coverage ?? own?.coverage };
}

/** A page of a ranking: the first shows its best passages (the rest after "More"), later pages all of theirs. */
export function pageOf(ranked: Answer, offset: number, limit: number): Answer {
  const passages = ranked.passages.slice(offset, offset + Math.max(limit, offset === 0 ? ranked.shown ?? 0 : 0));
  return { ...ranked, passages, shown: offset === 0 ? Math.min(ranked.shown ?? passages.length, passages.length) : passages.length };
}

/** Two rankings merged rank by rank (first list first on a tie), each place once. */
function interleave(a: Passage[], b: Passage[]): Passage[] {
  const seen = new Set<string>();
  const out: Passage[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    for (const p of [a[i], b[i]]) {
      if (p && !seen.has(placeOf(p.id))) { seen.add(placeOf(p.id)); out.push(p); }
    }
  }
  return out;
}

/** How well a passage gives what was asked: own words matched (weighted), plus aspects whose cues it has. */
function score(service: ArticleService, p: Passage, asked: AspectQuery): number {
  const variants = service.variants(p.id);
  const texts: Array<[string, Lang]> = variants.length > 0 ? variants.map((c) => [c.text, c.lang]) : [[p.text, p.lang], [p.sourceText, 'kk']];
  const tokens = texts.map(([text]) => words(text));
  const stems = new Set(texts.flatMap(([, lang], i) => tokens[i].map((w) => stem(w, lang))));
  const own = asked.stems.filter((s) => stems.has(s)).length;
  const years = [...texts.map(([t]) => t), ...p.citations.map((c) => c.text)].some((t) => YEAR.test(t));
  const aspects = asked.aspects.filter((id) => GIVES[id].some((cue) => (cue === 'year' ? years : tokens.some((ws) => hasPhrase(ws, cue))))).length;
  return OWN_WORD_WEIGHT * own + aspects;
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
