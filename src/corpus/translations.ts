import { UserError } from '../errors.js';
import { createHash } from 'node:crypto';
import type { Lang, Section } from './types.js';

/** Sections translated by the project: the Kazakh-only body, and glosses of the Kazakh reference list. */
export const TRANSLATED_SECTIONS = [
  'introduction',
  'methods',
  'discussion',
  'results',
  'conclusion',
  'conflict-of-interest',
  'author-contributions',
  'references',
];

export interface TranslationEntry {
  section: string;
  sourceHash: string;
  kk: string;
  ru: string;
  en: string;
}

/** Thrown when a Kazakh paragraph has no translation, or a translation no longer matches its source. */
export class TranslationLinkError extends UserError {
  constructor(message: string) {
    super(`${message}. Update that entry of corpus/translations.json (kk, ru, en, and sourceHash = the hash named here) and build again`);
  }
}

/** Hash linking a translation to its Kazakh source: sha256 of the NFC, white-space-collapsed text, 16 hex digits. */
export function sourceHash(text: string): string {
  const normalised = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16);
}

/** Parses the text of a translations file (`path` only names it in errors). */
export function parseTranslations(text: string, path: string): TranslationEntry[] {
  let parsed: { formatVersion?: number; paragraphs?: TranslationEntry[] };
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TranslationLinkError(`cannot read ${path} (${(err as Error).message})`);
  }
  if (parsed.formatVersion !== 1 || !Array.isArray(parsed.paragraphs)) {
    throw new TranslationLinkError(`${path} is not in format version 1 ({"formatVersion": 1, "paragraphs": [...]})`);
  }
  return parsed.paragraphs;
}

/**
 * Builds the Russian and English sections of the Kazakh-only parts from the translation entries.
 * Every Kazakh paragraph of a translated section must have exactly one entry whose `sourceHash`
 * matches its text; the result mirrors the Kazakh sections paragraph for paragraph.
 * @throws TranslationLinkError naming the first paragraph without a matching translation.
 */
export function translatedSections(sections: Section[], entries: TranslationEntry[]): Section[] {
  const byHash = new Map<string, TranslationEntry>();
  for (const e of entries) {
    if (sourceHash(e.kk) !== e.sourceHash) {
      throw new TranslationLinkError(
        `the entry for ${e.section} starting "${e.kk.slice(0, 50)}…" has a kk text that does not match its sourceHash ${e.sourceHash}`,
      );
    }
    if (byHash.has(e.sourceHash))
      throw new TranslationLinkError(`two entries translate the same Kazakh paragraph of ${e.section} ("${e.kk.slice(0, 50)}…"): keep one`);
    byHash.set(e.sourceHash, e);
  }
  const out: Section[] = [];
  const used = new Set<string>();
  for (const s of sections.filter((x) => x.lang === 'kk' && TRANSLATED_SECTIONS.includes(x.id.split('/')[0]))) {
    const found = s.paragraphs.map((p, i) => {
      const e = byHash.get(sourceHash(p));
      if (!e)
        throw new TranslationLinkError(
          `the Kazakh paragraph ${s.id} ¶${i + 1} ("${p.slice(0, 60)}…", hash ${sourceHash(p)}) has no translation: it is new or changed ` +
            `since it was translated`,
        );
      if (e.section !== s.id) throw new TranslationLinkError(`the translation of ${s.id} ¶${i + 1} is filed under section "${e.section}"`);
      used.add(e.sourceHash);
      return e;
    });
    for (const lang of ['ru', 'en'] as Lang[]) {
      out.push({ id: s.id, lang, official: false, paragraphs: found.map((e) => e[lang]), sourceParagraphs: [...s.paragraphs] });
    }
  }
  const stale = entries.find((e) => !used.has(e.sourceHash));
  if (stale)
    throw new TranslationLinkError(
      `the translation filed under ${stale.section} ("${stale.kk.slice(0, 50)}…") matches no Kazakh paragraph of the article`,
    );
  return out;
}
