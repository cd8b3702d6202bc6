import type { Chunk } from '../chunking/chunk.js';
import type { Lang } from '../corpus/types.js';

/**
 * A place in the article: one paragraph position (`results/finding-4` ¶1) with all its language
 * variants, official or translated, plus the chunks that repeat it elsewhere (Discussion repeating
 * the Introduction). Retrieval ranks places, then shows each in the reader's language.
 */
export interface Place {
  sectionId: string;
  position: number;
  /** Indexes into the chunk array of every chunk standing for this place. */
  members: number[];
  /** Sections that repeat this paragraph almost word for word. */
  alsoIn: string[];
  /** Reading order of the place's first chunk. */
  order: number;
}

const keyOf = (c: Pick<Chunk, 'sectionId' | 'position'>) => `${c.sectionId}#${c.position}`;

/** Groups chunks into places. Pure. */
export function groupPlaces(chunks: Chunk[]): Place[] {
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const canonicalKey = (c: Chunk): string => {
    const seen = new Set<string>();
    let cur = c;
    while (cur.duplicateOf && byId.has(cur.duplicateOf) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.duplicateOf)!;
    }
    return keyOf(cur);
  };
  // a duplicate found in any language folds the place for all languages
  const redirect = new Map<string, string>();
  for (const c of chunks) if (c.duplicateOf) redirect.set(keyOf(c), canonicalKey(c));
  const places = new Map<string, Place>();
  chunks.forEach((c, i) => {
    const own = keyOf(c);
    const key = redirect.get(own) ?? own;
    let place = places.get(key);
    if (!place) {
      const [sectionId, pos] = key.split('#');
      place = { sectionId, position: Number(pos), members: [], alsoIn: [], order: i };
      places.set(key, place);
    }
    place.members.push(i);
    if (key !== own && !place.alsoIn.includes(c.sectionId)) place.alsoIn.push(c.sectionId);
  });
  return [...places.values()];
}

/**
 * The variant of a place to show a reader: readable in the reader's language (official before
 * translated), else the Kazakh original, else any. Only chunks at the canonical position are shown.
 * The English reference list is published in a Cyrillic transliteration: an English reader gets the
 * project's English gloss first, the published copy stays one tap away.
 */
export function pickVariant(place: Place, chunks: Chunk[], lang: Lang): Chunk {
  const own = place.members.map((m) => chunks[m]).filter((c) => c.sectionId === place.sectionId && c.position === place.position);
  const rank = (c: Chunk) => (c.lang === lang && readable(c) ? (c.official ? 0 : 1) : c.lang === lang ? 2 : c.lang === 'kk' ? 3 : 4);
  return [...own].sort((a, b) => rank(a) - rank(b))[0];
}

/** True when a chunk is written in its language's script (English in Latin letters, kk and ru in Cyrillic). */
export function readable(c: Pick<Chunk, 'lang' | 'text'>): boolean {
  const latin = (c.text.match(/[a-z]/gi) ?? []).length;
  const cyrillic = (c.text.match(/[\u0400-\u04FF]/g) ?? []).length;
  return c.lang === 'en' ? latin >= cyrillic : cyrillic >= latin || c.lang === 'kk';
}
