import type { Chunk } from './chunk.js';

/** Share of common word trigrams above which two paragraphs count as the same text. */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

/**
 * Marks each chunk whose text nearly repeats an earlier chunk of the same language
 * (`duplicateOf` = the earlier chunk's id). Reference entries are never merged. Returns new objects; the input is not changed.
 */
export function markNearDuplicates(chunks: Chunk[], threshold = NEAR_DUPLICATE_THRESHOLD): Chunk[] {
  const shingles = chunks.map((c) => wordShingles(c.text));
  const out: Chunk[] = [];
  chunks.forEach((chunk, i) => {
    // reference entries share their boilerplate ("Қолжетімді: …") but are never the same work
    const original = chunk.sectionId.startsWith('references/')
      ? undefined
      : out.find(
          (o, j) =>
            o.lang === chunk.lang && !o.duplicateOf && o.sectionId !== chunk.sectionId && similarity(shingles[i], shingles[j]) >= threshold,
        );
    out.push(original ? { ...chunk, duplicateOf: original.id } : { ...chunk });
  });
  return out;
}

/** Word trigrams of a text, lower-cased, punctuation and citation marks dropped. */
export function wordShingles(text: string): Set<string> {
  const words =
    text
      .toLowerCase()
      .replace(/\[\d+\]/g, ' ')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Overlap of two shingle sets relative to the larger one (1 = the same text). */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const s of a) if (b.has(s)) common++;
  return common / Math.max(a.size, b.size);
}
