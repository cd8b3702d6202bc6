import type { Embedder } from './types.js';
import type { Glossary } from '../text/glossary.js';
import { analyze, charGrams, CONCEPT_PREFIX } from '../text/analyze.js';

export interface LexicalEmbedderOptions {
  /** Vector length. Defaults to 1024. */
  dims?: number;
  /** Weight of a stem feature. Defaults to 1. */
  stemWeight?: number;
  /** Weight of a glossary concept feature (what carries meaning across languages). Defaults to 1.5. */
  conceptWeight?: number;
  /** Weight of the character 4-grams: each gram counts a quarter of this. Defaults to 0.6. */
  gramWeight?: number;
}

/**
 * The offline default embedder: no download, deterministic, multilingual. A text becomes a
 * feature-hashed vector of its stems, its glossary concepts (the same id whatever the language)
 * and its character 4-grams (typo and inflection tolerant), with log-scaled counts, L2-normalised.
 * ```ts
 * const embedder = createLexicalEmbedder(corpus.glossary);
 * const [v] = await embedder.embedQueries(['кибершабуылдар']);
 * ```
 */
export function createLexicalEmbedder(glossary: Glossary, options: LexicalEmbedderOptions = {}): Embedder {
  const { dims = 1024, stemWeight = 1, conceptWeight = 1.5, gramWeight = 0.6 } = options;
  const embed = (text: string): number[] => {
    const v = new Float64Array(dims);
    const counts = new Map<string, number>();
    const bump = (key: string, w: number) => counts.set(key, (counts.get(key) ?? 0) + w);
    for (const token of analyze(text, glossary).tokens) {
      bump(token, token.startsWith(CONCEPT_PREFIX) ? conceptWeight : stemWeight);
    }
    const grams = charGrams(text);
    for (const g of grams) bump(`~${g}`, gramWeight / 4);
    for (const [key, w] of counts) {
      const h = hash(key);
      v[h % dims] += (h & 0x80000000 ? -1 : 1) * Math.log1p(w);
    }
    return normalise(v);
  };
  const embedAll = async (texts: string[]) => texts.map(embed);
  return {
    id: LEXICAL_EMBEDDER_ID,
    dims,
    settings: { dims, stemWeight, conceptWeight, gramWeight, features: 'stems+concepts+char4', hash: 'fnv1a32-signed' },
    embedQueries: embedAll,
    embedPassages: embedAll,
  };
}

/** The id this embedder writes into an index's meta.json. */
export const LEXICAL_EMBEDDER_ID = 'lexical-v1';

/** FNV-1a 32-bit hash of a string (unsigned). */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** L2-normalises a vector into a plain Array (hnswlib-node wants Arrays); a zero vector stays zero. */
export function normalise(v: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const n = Math.sqrt(sum) || 1;
  return Array.from(v, (x) => x / n);
}
