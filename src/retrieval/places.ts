import type { Chunk } from '../chunking/chunk.js';
import type { Lang } from '../corpus/types.js';
import { hasKazakhLetters, stem, words } from '../text/fold.js';
import { splitSentences } from '../text/sentences.js';

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
 * The variant of a place to show a reader, in the reader's language when there is one: the project's
 * translation before a published text in that language (translations exist only where the published
 * text does not serve the reader: the Kazakh-only body, and the English reference list, published in
 * a broken transliteration — "Қолзһетімді"), unless both say the same; else the Kazakh original, else
 * any. Only chunks at the canonical position are shown; the published text stays one tap away.
 */
export function pickVariant(place: Place, chunks: Chunk[], lang: Lang): Chunk {
  const own = place.members.map((m) => chunks[m]).filter((c) => c.sectionId === place.sectionId && c.position === place.position);
  const same = (c: Chunk) => own.some((o) => o !== c && o.lang === c.lang && !o.official && comparable(o.text) === comparable(c.text));
  const rank = (c: Chunk) => {
    if (c.lang !== lang) return c.lang === 'kk' ? 4 : 5;
    if (!c.official) return 1;
    return readable(c) && same(c) ? 0 : readable(c) ? 2 : 3;
  };
  return [...own].sort((a, b) => rank(a) - rank(b))[0];
}

/** True when a chunk is written in its language's script (English in Latin letters without Kazakh ones, kk and ru in Cyrillic). */
export function readable(c: Pick<Chunk, 'lang' | 'text'>): boolean {
  const latin = (c.text.match(/[a-z]/gi) ?? []).length;
  const cyrillic = (c.text.match(/[\u0400-\u04FF]/g) ?? []).length;
  if (c.lang === 'en') return latin >= cyrillic && !hasKazakhLetters(c.text);
  return cyrillic >= latin || c.lang === 'kk';
}

/** A text reduced for "says the same": letters and digits only, quotes and dashes ignored. */
const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Folds a place whose every sentence the article repeats (nearly word for word) inside one longer
 * paragraph into that paragraph's place, as `alsoIn`: the longer paragraph says it and more
 * ("the main principles are fixed in the Law [18]" is also the middle of the paragraph that says
 * what the Law regulates). Compared on the Kazakh text, sentence by sentence, by stems; only body
 * sections (`body(sectionId)`). Pure.
 */
export function foldContained(places: Place[], chunks: Chunk[], body: (sectionId: string) => boolean, minShare = CONTAINED_SHARE): Place[] {
  const kkText = (p: Place) =>
    p.members.map((m) => chunks[m]).find((c) => c.lang === 'kk' && c.sectionId === p.sectionId && c.position === p.position)?.text;
  const sentenceSets = new Map(
    places.map((p) => [p, splitSentences(kkText(p) ?? '').map((s) => new Set(words(s).map((w) => stem(w, 'kk'))))]),
  );
  const length = (p: Place) => kkText(p)?.length ?? 0;
  const into = new Map<Place, Place>();
  for (const a of places) {
    const sa = sentenceSets.get(a)!;
    if (!body(a.sectionId) || sa.length === 0) continue;
    const host = places.find(
      (b) =>
        b !== a &&
        !into.has(b) &&
        body(b.sectionId) &&
        length(b) > length(a) &&
        sa.every((x) => x.size > 0 && sentenceSets.get(b)!.some((y) => [...x].filter((w) => y.has(w)).length / x.size >= minShare)),
    );
    if (host) into.set(a, host);
  }
  for (const [a, b] of [...into]) if (into.has(b)) into.delete(a); // no chains: a host stays a place
  const kept = places.filter((p) => !into.has(p)).map((p) => ({ ...p, members: [...p.members], alsoIn: [...p.alsoIn] }));
  const copyOf = new Map(places.filter((p) => !into.has(p)).map((p, i) => [p, kept[i]]));
  for (const [a, b] of into) {
    const host = copyOf.get(b)!;
    host.members.push(...a.members);
    for (const s of [a.sectionId, ...a.alsoIn]) if (!host.alsoIn.includes(s) && s !== host.sectionId) host.alsoIn.push(s);
  }
  return kept;
}

/**
 * Share of a sentence's stems that must reappear in one sentence of the longer paragraph (calibrated: 0.93 for the one repeat in the
 * article, 0.87 for the nearest non-repeat).
 */
export const CONTAINED_SHARE = 0.9;
