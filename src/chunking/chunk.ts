import type { Lang, Section } from '../corpus/types.js';
import { markNearDuplicates } from './dedup.js';
import { splitSentences } from '../text/sentences.js';

/** One retrievable passage: a paragraph (or a part of a long one) of one section in one language. */
export interface Chunk {
  /**
   * Stable id: `<lang>:<section id>:<position>`, e.g. `kk:results/finding-2:1`; a translation that
   * stands beside a published text of the same language ends in `:tr` (`en:references/5:1:tr`).
   */
  id: string;
  sectionId: string;
  lang: Lang;
  /** 1-based position of the chunk within its section and language. */
  position: number;
  /** The passage as shown. */
  text: string;
  /** The official article text this passage stands for (equal to `text` for official passages). */
  sourceText: string;
  official: boolean;
  /** Id of an earlier chunk with almost the same text (Discussion repeats the Introduction). */
  duplicateOf?: string;
}

/** Chunks longer than this many characters are cut at sentence ends. */
export const MAX_CHUNK_CHARS = 1200;

/**
 * Turns sections into chunks: one per paragraph, never crossing a section, long paragraphs cut
 * at sentence boundaries, near-duplicates marked. Pure; ids depend only on the structure.
 * ```ts
 * const chunks = chunkSections(parseArticle(text));
 * ```
 */
export function chunkSections(sections: Section[], maxChars = MAX_CHUNK_CHARS): Chunk[] {
  const chunks: Chunk[] = [];
  const ids = new Set<string>();
  // positions count on across entries of the same section (Results comes back after the findings)
  const positions = new Map<string, number>();
  for (const section of sections) {
    const key = `${section.lang}:${section.id}:${section.official}`;
    let position = positions.get(key) ?? 0;
    section.paragraphs.forEach((paragraph, i) => {
      const source = section.sourceParagraphs?.[i] ?? paragraph;
      for (const piece of splitLong(paragraph, maxChars)) {
        position += 1;
        const plain = `${section.lang}:${section.id}:${position}`;
        // a translation beside a published text of the same language (the English reference glosses) gets `:tr`
        const id = ids.has(plain) && !section.official ? `${plain}:tr` : plain;
        ids.add(id);
        chunks.push({
          id,
          sectionId: section.id,
          lang: section.lang,
          position,
          text: piece,
          sourceText: source,
          official: section.official,
        });
      }
    });
    positions.set(key, position);
  }
  return markNearDuplicates(chunks);
}

/** Cuts a paragraph into pieces of at most `maxChars` at sentence ends (a single over-long sentence stays whole). */
export function splitLong(paragraph: string, maxChars: number): string[] {
  if (paragraph.length <= maxChars) return [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of splitSentences(paragraph)) {
    if (current.trim() && (current + sentence).trimEnd().length > maxChars) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}
