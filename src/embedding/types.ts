/**
 * Turns text into vectors. Queries and passages are embedded separately because
 * some models (e5) want different prefixes for them.
 */
export interface Embedder {
  /** Short id recorded in the index meta, e.g. `lexical-v1` or `transformers`. */
  readonly id: string;
  /** Vector length. */
  readonly dims: number;
  /** Everything that changes the vectors (model, prefixes, pooling ...): stored in the index meta and compared on load. */
  readonly settings: Record<string, unknown>;
  embedQueries(texts: string[]): Promise<number[][]>;
  embedPassages(texts: string[]): Promise<number[][]>;
}
