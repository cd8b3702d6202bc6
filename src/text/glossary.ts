import { UserError } from '../errors.js';
import { stem, words } from './fold.js';
import { LANGS } from '../corpus/types.js';

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
  /**
   * Wordings of the lists above (any language) that name something more specific the article never
   * names itself ("deepfake" under fraud): asked about, the concept's passages answer, and the reply
   * says the word itself is not in the article.
   */
  narrower?: string[];
}

/** A concept found in a word sequence: words `start` … `start + length - 1`, or the words at `positions` when they are apart. */
export interface ConceptMatch {
  id: string;
  start: number;
  length: number;
  positions?: number[];
}

/** Matches concepts in a stemmed word sequence. */
export interface Glossary {
  readonly concepts: readonly Concept[];
  /** Whether a stem (of any language's rules) is that of a `narrower` wording. */
  isNarrower(stem: string): boolean;
  /**
   * Concepts mentioned in a sequence of stems (all words, function words included), one per mention.
   * `long` (the same words stemmed at `SENSE_STEM_LEN`) separates senses that share a short stem: when
   * one-word wordings of several concepts match a word, those that also agree on the long stem win ("ответственного" is responsible, not "ответственность" liability).
   */
  match(stems: string[], long?: string[]): ConceptMatch[];
  /**
   * Concepts whose every word of a multi-word wording occurs in the sequence, in any order and
   * apart, not found by `match` (`found`), where one of those words has no concept of its own yet:
   * a question is a bag of words ("какая у статьи цель" → "цель статьи"), but "Law on
   * Informatization" is not "information law". For questions only: in running text, words apart
   * belong to other phrases.
   */
  matchAnyOrder(stems: string[], found: ConceptMatch[]): ConceptMatch[];
}

export const GLOSSARY_FORMAT_VERSION = 1;

/** Stem length that tells apart one-word wordings sharing the index's short stem (see `Glossary.match`). */
export const SENSE_STEM_LEN = 14;

/** Thrown when corpus/glossary.json is missing or malformed. */
export class GlossaryError extends UserError {
  constructor(path: string, what: string) {
    super(`glossary ${path}: ${what}. Fix the file (see corpus/glossary.json in git) and run the command again`);
  }
}

/**
 * Builds a glossary from concepts. Each wording is stemmed like the text; a concept matches where
 * all stems of one wording appear consecutively. Longer wordings are tried first.
 */
export function createGlossary(concepts: Concept[]): Glossary {
  const byFirst = new Map<string, Array<{ id: string; stems: string[]; long: string }>>();
  for (const c of concepts) {
    for (const lang of LANGS) {
      for (const wording of c[lang]) {
        const stems = words(wording).map((w) => stem(w, lang));
        if (stems.length === 0) continue;
        const list = byFirst.get(stems[0]) ?? [];
        list.push({ id: c.id, stems, long: stem(words(wording)[0], lang, SENSE_STEM_LEN) });
        byFirst.set(stems[0], list);
      }
    }
  }
  for (const { id, stems, long } of shortenedWordings(concepts)) {
    const list = byFirst.get(stems[0]) ?? [];
    if (!list.some((e) => e.id === id && e.stems.join(' ') === stems.join(' '))) list.push({ id, stems, long });
    byFirst.set(stems[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const implied = new Map(concepts.filter((c) => c.implies).map((c) => [c.id, c.implies!]));
  const sectionsOf = new Map(concepts.filter((c) => c.sections).map((c) => [c.id, c.sections!]));
  const phrases = [...byFirst.values()].flat().filter((e) => e.stems.length > 1);
  const narrower = new Set(
    concepts.flatMap((c) =>
      (c.narrower ?? []).flatMap((w) =>
        LANGS.map((lang) =>
          words(w)
            .map((x) => stem(x, lang))
            .join(' '),
        ),
      ),
    ),
  );
  return {
    concepts,
    isNarrower: (s) => narrower.has(s),
    matchAnyOrder(stems, found) {
      const have = new Set(found.map((m) => m.id));
      const explained = new Set(found.flatMap((m) => m.positions ?? Array.from({ length: m.length }, (_, k) => m.start + k)));
      const extra: ConceptMatch[] = [];
      for (const entry of phrases) {
        if (have.has(entry.id)) continue;
        const positions = entry.stems.map((s) => stems.indexOf(s));
        if (positions.some((p) => p < 0) || new Set(positions).size < positions.length || positions.every((p) => explained.has(p)))
          continue;
        for (const id of [entry.id, ...(implied.get(entry.id) ?? [])]) {
          if (!have.has(id)) extra.push({ id, start: Math.min(...positions), length: 1, positions });
          have.add(id);
        }
      }
      return extra;
    },
    match(stems, long) {
      const found: ConceptMatch[] = [];
      for (let i = 0; i < stems.length; i++) {
        const seen = new Set<string>();
        const entries = byFirst.get(stems[i]) ?? [];
        const single = entries.filter((e) => e.stems.length === 1);
        const exact = long ? new Set(single.filter((e) => e.long === long[i]).map((e) => e.id)) : new Set<string>();
        // a phrase settles the sense of its first word ("авторским правом" is copyright, not "авторский")
        const phrased = entries.some((e) => e.stems.length > 1 && e.stems.every((s, k) => stems[i + k] === s));
        for (const entry of entries) {
          if (seen.has(entry.id)) continue;
          if (entry.stems.length === 1 && exact.size > 0 && (phrased || !exact.has(entry.id))) continue;
          if (entry.stems.every((s, k) => stems[i + k] === s)) {
            for (const id of [entry.id, ...(implied.get(entry.id) ?? [])]) {
              if (!seen.has(id)) found.push({ id, start: i, length: entry.stems.length });
              seen.add(id);
            }
          }
        }
      }
      return found.filter((m) => !steeredElsewhere(m, found));
    },
  };

  /**
   * True when a one-word match lies inside a phrase that steers to other sections: the longer wording
   * says what is asked ("негізгі қорытындылары", the main findings, is not the Conclusion section).
   */
  function steeredElsewhere(m: ConceptMatch, found: ConceptMatch[]): boolean {
    const own = sectionsOf.get(m.id);
    if (m.length !== 1 || !own) return false;
    return found.some((p) => {
      const theirs = sectionsOf.get(p.id);
      return (
        p.length > 1 && p.start <= m.start && m.start < p.start + p.length && theirs !== undefined && !theirs.some((s) => own.includes(s))
      );
    });
  }
}

/**
 * Wordings people shorten: where a wording of a concept contains another concept's wording, that
 * concept's one-word wording may stand in its place ("Концепция развития искусственного интеллекта"
 * is also "Концепция развития ИИ"; "Concept for the Development of AI"), in the same language.
 */
function shortenedWordings(concepts: Concept[]): Array<{ id: string; stems: string[]; long: string }> {
  const out: Array<{ id: string; stems: string[]; long: string }> = [];
  for (const lang of LANGS) {
    const stemsOf = (wording: string) => words(wording).map((w) => stem(w, lang));
    const parts = concepts.flatMap((d) => {
      const short = d[lang].map(stemsOf).filter((s) => s.length === 1);
      return d[lang]
        .map(stemsOf)
        .filter((s) => s.length > 1)
        .flatMap((full) => short.map((one) => ({ id: d.id, full, one: one[0] })));
    });
    for (const c of concepts) {
      for (const wording of c[lang]) {
        const stems = stemsOf(wording);
        for (const { id, full, one } of parts) {
          const at = id === c.id ? -1 : indexOfRun(stems, full);
          if (at < 0) continue;
          const shortened = [...stems.slice(0, at), one, ...stems.slice(at + full.length)];
          out.push({ id: c.id, stems: shortened, long: at === 0 ? one : stem(words(wording)[0], lang, SENSE_STEM_LEN) });
        }
      }
    }
  }
  return out;
}

/** Where `run` starts as consecutive items of `list`, or -1. */
function indexOfRun(list: string[], run: string[]): number {
  for (let i = 0; i + run.length <= list.length; i++) if (run.every((r, k) => list[i + k] === r)) return i;
  return -1;
}

/**
 * Builds the glossary from the text of a glossary file (`path` only names it in errors), followed by
 * `extra` concepts (the article's aligned keyword lists: corpus/keywords.ts).
 * @throws GlossaryError when the text is not JSON in format version 1.
 */
export function parseGlossary(text: string, path: string, extra: Concept[] = []): Glossary {
  let parsed: { formatVersion?: number; concepts?: Concept[] };
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new GlossaryError(path, `cannot be read as JSON (${(err as Error).message})`);
  }
  if (parsed.formatVersion !== GLOSSARY_FORMAT_VERSION || !Array.isArray(parsed.concepts)) {
    throw new GlossaryError(path, `expected {"formatVersion": ${GLOSSARY_FORMAT_VERSION}, "concepts": [...]}`);
  }
  return createGlossary([...parsed.concepts, ...extra]);
}
