import type { Lang } from '../corpus/types.js';
import { UserError } from '../errors.js';

/** One line of an eval set: a question, its language and the snippets a right passage contains (none = out of scope). */
export interface EvalItem { q: string; lang: Lang; gold: string[] }

/** What the system returned for one question (the `ask --json` shape, reduced). */
export interface EvalResult { answered: boolean; passages: Array<{ lang: Lang; text: string; sourceText: string }> }

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
}

/** Normalisation of ../shared/eval/README.md: lower-case, drop quotes and soft hyphens, dashes → '-', no white space. */
export function normaliseForMatch(s: string): string {
  return s.toLowerCase().replace(/[«»“”"'’‘\u00AD]/g, '').replace(/[–—]/g, '-').replace(/\s+/g, '');
}

/** Rank (1-based) of the first passage whose text or source text contains a gold snippet, within the top 5; 0 if none. */
export function firstHit(item: EvalItem, result: EvalResult): number {
  const gold = item.gold.map(normaliseForMatch);
  const top = result.answered ? result.passages.slice(0, 5) : [];
  const i = top.findIndex((p) => {
    const text = normaliseForMatch(p.text);
    const source = normaliseForMatch(p.sourceText);
    return gold.some((g) => text.includes(g) || source.includes(g));
  });
  return i + 1;
}

/** Scores results against items (same order). Pure. */
export function score(items: EvalItem[], results: EvalResult[]): Scores {
  let r1 = 0, r3 = 0, mrr = 0, inLang = 0, falseAbs = 0, abst = 0, answerable = 0, oos = 0;
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
  };
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
    if (!item || typeof item.q !== 'string' || !['kk', 'ru', 'en'].includes(item.lang) || !Array.isArray(item.gold)) {
      throw new EvalSetError(`${name} line ${i + 1} is not {"q", "lang": "kk"|"ru"|"en", "gold": [...]}: fix or remove it`);
    }
    items.push(item);
  });
  return items;
}
