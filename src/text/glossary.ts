import { UserError } from '../errors.js';
import { readFileSync } from 'node:fs';
import { stem, words } from './fold.js';
import type { Lang } from '../corpus/types.js';
import { ArticleFormatError } from '../corpus/parse.js';

/** A glossary concept: one idea, its wordings in the three languages. */
export interface Concept {
  id: string;
  kk: string[];
  ru: string[];
  en: string[];
  /** Section ids (or their top-level prefix) a question using this concept is steered towards. */
  sections?: string[];
  /** Broader concepts a mention also counts for (an author's name → `authors`). */
  implies?: string[];
}

/** A concept found in a word sequence: words `start` … `start + length - 1`. */
export interface ConceptMatch { id: string; start: number; length: number }

/** Matches concepts in a stemmed word sequence. */
export interface Glossary {
  readonly concepts: readonly Concept[];
  /** Concepts mentioned in a sequence of stems (all words, function words included), one per mention. */
  match(stems: string[]): ConceptMatch[];
}

export const GLOSSARY_FORMAT_VERSION = 1;

/** Thrown when corpus/glossary.json is missing or malformed. */
export class GlossaryError extends UserError {
  constructor(path: string, what: string) {
    super(`glossary ${path}: ${what}. Fix the file (see corpus/glossary.json in git) and run the command again`);
    this.name = 'GlossaryError';
  }
}

/**
 * Builds a glossary from concepts. Each wording is stemmed like the text; a concept matches where
 * all stems of one wording appear consecutively. Longer wordings are tried first.
 */
export function createGlossary(concepts: Concept[]): Glossary {
  const byFirst = new Map<string, Array<{ id: string; stems: string[] }>>();
  for (const c of concepts) {
    for (const lang of ['kk', 'ru', 'en'] as Lang[]) {
      for (const wording of c[lang]) {
        const stems = words(wording).map((w) => stem(w, lang));
        if (stems.length === 0) continue;
        const list = byFirst.get(stems[0]) ?? [];
        list.push({ id: c.id, stems });
        byFirst.set(stems[0], list);
      }
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const implied = new Map(concepts.filter((c) => c.implies).map((c) => [c.id, c.implies!]));
  return {
    concepts,
    match(stems) {
      const found: ConceptMatch[] = [];
      for (let i = 0; i < stems.length; i++) {
        const seen = new Set<string>();
        for (const entry of byFirst.get(stems[i]) ?? []) {
          if (seen.has(entry.id)) continue;
          if (entry.stems.every((s, k) => stems[i + k] === s)) {
            for (const id of [entry.id, ...(implied.get(entry.id) ?? [])]) {
              if (!seen.has(id)) found.push({ id, start: i, length: entry.stems.length });
              seen.add(id);
            }
          }
        }
      }
      return found;
    },
  };
}

/**
 * Reads `corpus/glossary.json` and adds the article's own keyword lists, aligned one-to-one by position
 * (concept ids `keyword-1` …).
 * @throws GlossaryError when the file is unreadable or not in format version 1.
 */
export function loadGlossary(path: string, keywordLists?: Record<Lang, string[]>): Glossary {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GlossaryError(path, `cannot be read (${(err as Error).message})`);
  }
  return parseGlossary(text, path, keywordLists);
}

/** Builds the glossary from the text of a glossary file (`path` only names it in errors); see `loadGlossary`. */
export function parseGlossary(text: string, path: string, keywordLists?: Record<Lang, string[]>): Glossary {
  let parsed: { formatVersion?: number; concepts?: Concept[] };
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new GlossaryError(path, `cannot be read as JSON (${(err as Error).message})`);
  }
  if (parsed.formatVersion !== GLOSSARY_FORMAT_VERSION || !Array.isArray(parsed.concepts)) {
    throw new GlossaryError(path, `expected {"formatVersion": ${GLOSSARY_FORMAT_VERSION}, "concepts": [...]}`);
  }
  const concepts = [...parsed.concepts];
  if (keywordLists) concepts.push(...alignKeywords(keywordLists));
  return createGlossary(concepts);
}

/** The three keyword lists as concepts, aligned by position. Throws when their lengths differ. */
export function alignKeywords(lists: Record<Lang, string[]>): Concept[] {
  const n = lists.kk.length;
  if (lists.ru.length !== n || lists.en.length !== n) {
    throw new ArticleFormatError(`the keyword lists differ in length (kk ${n}, ru ${lists.ru.length}, en ${lists.en.length}) but must align one-to-one`);
  }
  return lists.kk.map((kk, i) => ({ id: `keyword-${i + 1}`, kk: [kk], ru: [lists.ru[i]], en: [lists.en[i]] }));
}

/** Splits a keywords paragraph ("Түйін сөздер: a, b, c.") into its terms. */
export function keywordTerms(paragraph: string): string[] {
  const body = paragraph.slice(paragraph.indexOf(':') + 1);
  return body.split(',').map((t) => t.trim().replace(/\.$/, '')).filter(Boolean);
}
