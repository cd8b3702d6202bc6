import type { Lang } from '../corpus/types.js';
import type { Answer, Passage, SectionRef } from '../retrieval/types.js';
import { ARTICLE } from './article.js';
import { bestSentence } from './highlight.js';
import { splitSentences } from '../text/sentences.js';
import { fill, t } from './i18n.js';
import {
  bold,
  cat,
  DEFAULT_PART_CHARS,
  expandable,
  italic,
  joinRich,
  link,
  packParts,
  plain,
  quote,
  renderAll,
  type Rich,
} from './rich.js';

/** Longest question echoed back in a "not addressed" reply, in characters. */
const MAX_ECHO_CHARS = 200;

/**
 * The reply to an answered question as Telegram HTML parts (parse_mode HTML), each at most
 * `maxChars` (default 4000, below Telegram's 4096) and cut only between passages: the passages the
 * reply shows (`answer.shown`, else all), each with its section reference, a "translated from
 * Kazakh" marker, its answering sentence visible and the rest of a long paragraph in an expandable
 * quote, and the sections that repeat it; then the references they cite, each once; then the source line.
 * When the article never uses the word the question asks about (`answer.unnamed`), a line above says so.
 * ```ts
 * for (const part of formatAnswerHtml(answer, 'en')) await ctx.reply(part, { parse_mode: 'HTML' });
 * ```
 */
export function formatAnswerHtml(answer: Answer, ui: Lang, maxChars = DEFAULT_PART_CHARS): string[] {
  if (!answer.answered || answer.passages.length === 0) return [formatNoAnswerHtml(answer.query, ui)];
  return packParts(answerUnits(answer, ui), 'html', maxChars);
}

/** What a plain-text rendering shows beyond the reply. */
export interface TextOptions {
  /** Every passage of `answer.passages`, not only the ones the reply shows (`ask` in a terminal, with `--k`). Defaults to false. */
  all?: boolean;
  /** After each translated passage, the Kazakh text it translates (`ask --original`). Defaults to false. */
  original?: boolean;
}

/**
 * The same content as `formatAnswerHtml` as one plain text (no tags, no length limit): the one
 * plain-text rendering of an answer, for `ask --json`'s `reply`, the terminal and the eval.
 */
export function formatAnswerText(answer: Answer, ui: Lang, options: TextOptions = {}): string {
  if (!answer.answered || answer.passages.length === 0) return formatNoAnswerText(answer.query, ui);
  return renderAll(answerUnits(answer, ui, options), 'text');
}

/** "The article does not address …", pointing to /sections and /findings, as Telegram HTML. */
export function formatNoAnswerHtml(query: string, ui: Lang): string {
  return renderAll(noAnswerUnits(query, ui), 'html');
}

/** `formatNoAnswerHtml` as plain text. */
export function formatNoAnswerText(query: string, ui: Lang): string {
  return renderAll(noAnswerUnits(query, ui), 'text');
}

/**
 * One passage as a single self-contained HTML message (inline mode): reference, text, citations,
 * source line. Cut to `maxChars` at a sentence when longer.
 */
export function formatPassageHtml(passage: Passage, ui: Lang, query = '', maxChars = DEFAULT_PART_CHARS): string {
  return packParts([passageUnit(passage, ui, query, { numbered: false }), sourceLine(ui)], 'html', maxChars)[0];
}

/** The section reference shown to readers: `§ Results · finding 3`. */
export const sectionRef = (title: string): string => `§ ${title}`;

/** A passage longer than this (in characters, with more than one sentence) shows its answering sentence and folds the rest. */
export const LONG_PASSAGE_CHARS = 280;

/** What a passage block carries besides its heading and text. */
export interface PassageUnitOptions {
  /** Rank before the section reference (`1. § …`). Defaults to true. */
  numbered?: boolean;
  /** The passage's resolved citations under it (a whole reply lists them once at the end instead). Defaults to true. */
  citations?: boolean;
  /** The Kazakh text a translated passage stands for, under it. Defaults to false. */
  original?: boolean;
}

/**
 * A passage block: `<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>`, then the text
 * as a quote — a long passage shows the sentence that answers the question (the first one when none
 * shares a word with it) and folds the rest of the paragraph into an expandable quote, `[…]` where
 * a later shown sentence stands (the first reads on into the rest unmarked) —, "Also in: § …", and (see `PassageUnitOptions`) its original
 * and citations.
 */
export function passageUnit(p: Passage, ui: Lang, query: string, options: PassageUnitOptions = {}): Rich {
  const { numbered = true, citations = true, original = false } = options;
  const heading = bold(`${numbered ? `${p.rank}. ` : ''}${sectionRef(p.section.title)}`);
  const lines: Rich[] = [p.official ? heading : cat(heading, ' · ', italic(t(ui).translated)), ...passageBody(p.text, query, p.lang)];
  if (original && !p.official) lines.push(cat(italic(`${t(ui).originalTitle}:`), ' ', p.sourceText));
  if (p.alsoIn.length > 0) lines.push(italic(`${t(ui).alsoIn}: ${alsoIn(p.alsoIn)}`));
  if (citations) lines.push(...citationLines(p.citations));
  return joinRich(lines, '\n');
}

/** A passage's text (in `lang`) as quotes: whole when short, else its answering sentence and the rest folded. */
export function passageBody(text: string, query: string, lang: Lang): Rich[] {
  const sentences = splitSentences(text);
  if (text.length <= LONG_PASSAGE_CHARS || sentences.length < 2) return [quote(text.trim())];
  const best = Math.max(0, query ? bestSentence(sentences, query, lang) : 0);
  const before = sentences.slice(0, best).join('').trim();
  const after = sentences
    .slice(best + 1)
    .join('')
    .trim();
  const rest = [before, after].filter(Boolean).join(before && after ? ' […] ' : '');
  // the first sentence answering reads on into the rest as written; a later one is marked where it stands
  if (best === 0) return [quote(sentences[0].trim()), expandable(after)];
  return [quote(`… ${sentences[best].trim()}${after ? ' …' : ''}`), expandable(after ? rest : `${rest} […]`)];
}

/** The references cited by passages, each once, in number order, under one heading (marked when the project rendered them). */
export function citedUnit(passages: Passage[], ui: Lang): Rich | undefined {
  const all = passages.flatMap((p) => p.citations);
  if (all.length === 0) return undefined;
  const heading = all.some((c) => c.official === false) ? cat(italic(t(ui).cited), ' · ', italic(t(ui).translated)) : italic(t(ui).cited);
  return joinRich([heading, ...citationLines(all)], '\n');
}

/** The source line: authors (year) “title” · DOI link · licence. */
export function sourceLine(ui: Lang): Rich {
  const title = ui === 'en' ? `“${ARTICLE.title.en}”` : `«${ARTICLE.title[ui]}»`;
  return cat(
    italic(`${t(ui).source}: ${ARTICLE.shortAuthors[ui]} (${ARTICLE.year}) ${title}`),
    ' · ',
    link(ARTICLE.url, `DOI ${ARTICLE.doi}`, ARTICLE.url),
    ' · ',
    ARTICLE.licence,
  );
}

/** Citations as lines `[18] Қазақстан Республикасы (2025) …`, in number order, each once. */
export function citationLines(citations: Passage['citations']): Rich[] {
  const seen = new Set<number>();
  return [...citations]
    .sort((a, b) => a.n - b.n)
    .filter((c) => !seen.has(c.n) && seen.add(c.n))
    .map((c) => plain(`[${c.n}] ${c.text.replace(new RegExp(`^\\s*${c.n}\\.\\s*`), '')}`));
}

function answerUnits(answer: Answer, ui: Lang, options: TextOptions = {}): Rich[] {
  const shown = options.all ? answer.passages : answer.passages.slice(0, answer.shown ?? answer.passages.length);
  const cited = citedUnit(shown, ui);
  const units: Rich[] = [];
  for (let i = 0; i < shown.length; ) {
    // a run of reference entries ("the list of references") is one compact block, an entry a line
    let j = i;
    while (j < shown.length && isReference(shown[j])) j++;
    if (j - i > 1) {
      units.push(referenceRun(shown.slice(i, j), ui));
      i = j;
      continue;
    }
    units.push(passageUnit(shown[i], ui, answer.query, { citations: false, original: options.original }));
    i++;
  }
  const unnamed = answer.unnamed ? [italic(fill(t(ui).unnamed, { w: answer.unnamed }))] : [];
  return [...unnamed, ...units, ...(cited ? [cited] : []), sourceLine(ui)];
}

const isReference = (p: Passage) => p.section.id.startsWith('references/');

/** Reference entries under one heading (`§ References`), one line each, marked when the project rendered any. */
function referenceRun(run: Passage[], ui: Lang): Rich {
  const heading = bold(sectionRef(run[0].section.title.split(' · ')[0]));
  return joinRich(
    [run.every((p) => p.official) ? heading : cat(heading, ' · ', italic(t(ui).translated)), ...run.map((p) => plain(p.text))],
    '\n',
  );
}

function noAnswerUnits(query: string, ui: Lang): Rich[] {
  const q = query.replace(/\s+/g, ' ').trim();
  const chars = Array.from(q);
  const echo = chars.length > MAX_ECHO_CHARS ? `${chars.slice(0, MAX_ECHO_CHARS - 1).join('')}…` : q;
  return [plain(fill(t(ui).noAnswer, { q: echo })), plain(t(ui).noAnswerHint)];
}

const alsoIn = (refs: SectionRef[]): string => refs.map((r) => sectionRef(r.title)).join('; ');
