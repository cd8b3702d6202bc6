import { LANGS, type Lang } from '../corpus/types.js';
import { placeOf } from '../dialogue/state.js';
import { EvalSetError, normaliseForMatch } from './score.js';

export const CHECKS = ['gold', 'more', 'lang', 'abstain', 'smalltalk'] as const;
export type Check = (typeof CHECKS)[number];

/** One line of a dialogue set: the turns, and the check of the last one (../shared/eval/README.md, "Dialogues"). */
export interface DialogueItem {
  id: string;
  lang: Lang;
  turns: string[];
  check: Check;
  gold?: string[];
  expectLang?: Lang;
}

/** A turn as `ask --json --dialogue` prints it, reduced to what the checks read. */
export interface TurnResult {
  act: string;
  answered: boolean;
  passages: Array<{ id: string; lang: Lang; text: string; sourceText: string; citations?: Array<{ text: string; sourceText?: string }> }>;
}

/** Whether the last turn passes the dialogue's check; `results` holds every turn of the dialogue, in order. */
export function passes(item: DialogueItem, results: TurnResult[]): boolean {
  const last = results[results.length - 1];
  const prev = results[results.length - 2];
  if (!last) return false;
  switch (item.check) {
    case 'gold': {
      const gold = (item.gold ?? []).map(normaliseForMatch);
      return (
        last.answered &&
        last.passages.slice(0, 3).some((p) => {
          const texts = [p.text, p.sourceText, ...(p.citations ?? []).flatMap((c) => [c.text, c.sourceText ?? ''])].map(normaliseForMatch);
          return gold.some((g) => texts.some((t) => t.includes(g)));
        })
      );
    }
    case 'more': {
      const before = new Set((prev?.passages ?? []).map((p) => placeOf(p.id)));
      return last.answered && last.passages.length > 0 && last.passages.every((p) => !before.has(placeOf(p.id)));
    }
    case 'lang':
      return (
        last.passages.length > 0 &&
        last.passages.every((p) => p.lang === item.expectLang) &&
        prev?.passages[0] !== undefined &&
        placeOf(last.passages[0].id) === placeOf(prev.passages[0].id)
      );
    case 'abstain':
      return !last.answered;
    case 'smalltalk':
      return last.act === 'smalltalk' && last.passages.length === 0;
  }
}

/** Passed and total per check kind, for a subset of dialogues. */
export type Tally = Record<Check | 'all', { passed: number; total: number }>;

/** Tallies per language (`kk`, `ru`, `en`) and overall (`all`). Pure. */
export function tally(items: DialogueItem[], passed: boolean[]): Record<Lang | 'all', Tally> {
  const empty = (): Tally => Object.fromEntries([...CHECKS, 'all'].map((c) => [c, { passed: 0, total: 0 }])) as Tally;
  const out = Object.fromEntries([...LANGS, 'all'].map((l) => [l, empty()])) as Record<Lang | 'all', Tally>;
  items.forEach((item, i) => {
    for (const t of [out[item.lang], out.all]) {
      for (const c of [item.check, 'all'] as const) {
        t[c].total++;
        if (passed[i]) t[c].passed++;
      }
    }
  });
  return out;
}

/** The Markdown table: one row per language and overall, a column per check kind (passed/total) and the share. */
export function dialogueTable(t: Record<Lang | 'all', Tally>): string {
  const cell = (x: { passed: number; total: number }) => (x.total === 0 ? '-' : `${x.passed}/${x.total}`);
  const lines = [`| lang | ${CHECKS.join(' | ')} | all | score |`, `|---|${CHECKS.map(() => '---|').join('')}---|---|`];
  for (const lang of [...LANGS, 'all'] as const) {
    const row = t[lang];
    const score = row.all.total === 0 ? '-' : (row.all.passed / row.all.total).toFixed(3);
    lines.push(`| ${lang} | ${CHECKS.map((c) => cell(row[c])).join(' | ')} | ${cell(row.all)} | ${score} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parses a dialogue set (JSONL; blank lines skipped).
 * @throws EvalSetError naming the line when it is not a valid dialogue.
 */
export function parseDialogueSet(text: string, name: string): DialogueItem[] {
  const items: DialogueItem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let d: Partial<DialogueItem> | null;
    try {
      d = JSON.parse(line);
    } catch {
      throw new EvalSetError(`${name} line ${i + 1} is not JSON: fix or remove it`);
    }
    const ok =
      d &&
      typeof d.id === 'string' &&
      LANGS.includes(d.lang as Lang) &&
      Array.isArray(d.turns) &&
      d.turns.length > 0 &&
      d.turns.every((t) => typeof t === 'string' && t.trim() !== '') &&
      CHECKS.includes(d.check as Check) &&
      (d.check !== 'gold' || (Array.isArray(d.gold) && d.gold.length > 0)) &&
      (d.check !== 'lang' || LANGS.includes(d.expectLang as Lang));
    if (!ok) {
      throw new EvalSetError(
        `${name} line ${i + 1} is not {"id", "lang", "turns": [...], "check": ${CHECKS.map((c) => `"${c}"`).join('|')}} with "gold" for ` +
          `gold and "expectLang" for lang: fix or remove it`,
      );
    }
    items.push(d as DialogueItem);
  });
  return items;
}
