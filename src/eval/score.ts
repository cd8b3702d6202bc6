import { LANGS, type Lang } from '../corpus/types.js';
import { UserError } from '../errors.js';

/** One line of an eval set: a question, its language and the snippets a right passage contains (none = out of scope). */
export interface EvalItem {
  q: string;
  lang: Lang;
  gold: string[];
}

/** What the system returned for one question (the `ask --json` shape, reduced). */
export interface EvalResult {
  answered: boolean;
  passages: Array<{ lang: Lang; text: string; sourceText: string; citations?: Array<{ text: string; sourceText?: string }> }>;
  /** How many passages the reply shows (absent: all). */
  shown?: number;
  /** The reply text the reader sees. */
  reply?: string;
}

export interface Scores {
  questions: number;
  answerable: number;
  recall1: number;
  recall3: number;
  mrr5: number;
  /** Share of answerable questions whose first passage is in the question's language. */
  top1InLang: number;
  falseAbstentions: number;
  outOfScope: number;
  /** Share of out-of-scope questions answered with answered=false (NaN when there are none). */
  abstention: number;
  /** Share of answerable questions with a hit among the passages the reply shows. */
  recallShown: number;
  /** Mean number of passages shown, over the answerable questions answered. */
  meanShown: number;
  /** Median length of the reply in characters, over the answerable questions answered (NaN without replies). */
  medianReply: number;
}

/** Normalisation of ../shared/eval/README.md: lower-case, drop quotes and soft hyphens, dashes → '-', no white space. */
export function normaliseForMatch(s: string): string {
  return s
    .toLowerCase()
    .replace(/[«»“”"'’‘\u00AD]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, '');
}

/**
 * Rank (1-based) of the first passage whose text, source text or a cited reference's text contains
 * a gold snippet, within the top `depth` (default 5); 0 if none.
 */
export function firstHit(item: EvalItem, result: EvalResult, depth = 5): number {
  const gold = item.gold.map(normaliseForMatch);
  const top = result.answered ? result.passages.slice(0, depth) : [];
  const i = top.findIndex((p) => {
    const texts = [p.text, p.sourceText, ...(p.citations ?? []).flatMap((c) => [c.text, c.sourceText ?? ''])].map(normaliseForMatch);
    return gold.some((g) => texts.some((t) => t.includes(g)));
  });
  return i + 1;
}

/** Scores results against items (same order). Pure. */
export function score(items: EvalItem[], results: EvalResult[]): Scores {
  let r1 = 0,
    r3 = 0,
    mrr = 0,
    inLang = 0,
    falseAbs = 0,
    abst = 0,
    answerable = 0,
    oos = 0,
    rShown = 0,
    shownSum = 0,
    answeredN = 0;
  const replies: number[] = [];
  items.forEach((item, i) => {
    const res = results[i];
    if (item.gold.length === 0) {
      oos++;
      if (!res.answered) abst++;
      return;
    }
    answerable++;
    if (!res.answered) falseAbs++;
    const hit = firstHit(item, res);
    if (hit === 1) r1++;
    if (hit >= 1 && hit <= 3) r3++;
    if (hit >= 1) mrr += 1 / hit;
    if (res.answered && res.passages[0]?.lang === item.lang) inLang++;
    if (!res.answered) return;
    const shown = res.shown ?? res.passages.length;
    answeredN++;
    shownSum += shown;
    if (firstHit(item, res, shown) > 0) rShown++;
    if (res.reply !== undefined) replies.push(res.reply.length);
  });
  const share = (n: number, d: number) => (d === 0 ? NaN : n / d);
  return {
    questions: items.length,
    answerable,
    recall1: share(r1, answerable),
    recall3: share(r3, answerable),
    mrr5: share(mrr, answerable),
    top1InLang: share(inLang, answerable),
    falseAbstentions: falseAbs,
    outOfScope: oos,
    abstention: share(abst, oos),
    recallShown: share(rShown, answerable),
    meanShown: share(shownSum, answeredN),
    medianReply: median(replies),
  };
}

/** The median of numbers (the mean of the middle two for an even count); NaN for none. */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** An eval file that cannot be read or has a malformed line. */
export class EvalSetError extends UserError {}

/**
 * Parses a JSONL eval file's text (blank lines are skipped).
 * @throws EvalSetError naming the file's line number when a line is not a valid item.
 */
export function parseEvalSet(text: string, name: string): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let item: EvalItem | null;
    try {
      item = JSON.parse(line);
    } catch {
      throw new EvalSetError(`${name} line ${i + 1} is not JSON: fix or remove it`);
    }
    if (!item || typeof item.q !== 'string' || !LANGS.includes(item.lang) || !Array.isArray(item.gold)) {
      throw new EvalSetError(`${name} line ${i + 1} is not {"q", "lang": "kk"|"ru"|"en", "gold": [...]}: fix or remove it`);
    }
    items.push(item);
  });
  return items;
}
