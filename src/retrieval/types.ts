import type { Lang } from '../corpus/types.js';
import type { Chunk } from '../chunking/chunk.js';

/** A section reference as shown to a reader: `{ id: 'results/finding-4', title: 'Results · finding 4' }`. */
export interface SectionRef {
  id: string;
  title: string;
}

/** One passage of an answer, in the JSON contract of `ask --json`. */
export interface Passage {
  /** 1-based rank in the whole answer (not just this page). */
  rank: number;
  /** Chunk id of the variant shown, e.g. `ru:results/finding-4:1`. */
  id: string;
  section: SectionRef;
  lang: Lang;
  /** The passage as shown. */
  text: string;
  /** The official article text it stands for (equal to `text` for official passages). */
  sourceText: string;
  /** Relevance, higher is better (not comparable across embedders). */
  score: number;
  /** False for the project's translations ("translated from Kazakh"). */
  official: boolean;
  /** Other sections where the article repeats this paragraph almost word for word. */
  alsoIn: SectionRef[];
  /**
   * The in-text citations of the passage, e.g. `[18]`, resolved to reference entries in the reader's
   * language; `official: false` marks the project's rendering, and `sourceText` is the published entry
   * it stands for (as for passages; equal to `text` for official entries), `id` the reference's chunk.
   */
  citations: Array<{ n: number; text: string; sourceText?: string; official?: boolean; id?: string }>;
}

/** The result of a question. */
export interface Answer {
  query: string;
  /** Language of the question (and of the reply). */
  lang: Lang;
  /** False when the article does not address the question: `passages` is then empty. */
  answered: boolean;
  passages: Passage[];
  /** Total number of relevant passages available (for a "More" button). */
  total: number;
  /**
   * How many of `passages`, from the first, the reply shows: the best one always, the next ones only
   * when nearly as relevant (src/retrieval/show.ts), a whole list for a list question ("the main
   * findings"), every passage of a "More" page (offset > 0). The rest waits behind "More", which
   * continues at `offset + shown`. The service always sets it; absent, a reply shows all `passages`.
   */
  shown?: number;
  /** Share of the question's words covered by the best of the first three places (what the abstention rule compares). */
  coverage?: number;
  /**
   * The word naming what was asked about, as the reader wrote it, when the article never uses it:
   * the passages are the nearest ones ("deepfakes" → the passages on fraud), and the reply says so.
   */
  unnamed?: string;
}

export interface AskOptions {
  /** Force the reply language instead of detecting it from the question. */
  lang?: Lang;
  /** Passages to skip (paging for "More"). Defaults to 0. */
  offset?: number;
  /** Passages to return. Defaults to 3. A list question ("the main findings", first page) returns the whole list even when it is longer. */
  limit?: number;
}

/**
 * Everything the bot and the CLI need from the article, independent of Telegram.
 * Created once per process by `createArticleService` (src/retrieval/service.ts).
 */
export interface ArticleService {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** A chunk by id, or undefined. */
  chunk(id: string): Chunk | undefined;
  /** The same paragraph in the other languages (official or translated), in kk, ru, en order. */
  variants(id: string): Chunk[];
  /** Section ids in reading order (top level and findings; references as one `references` entry). */
  sectionIds(): string[];
  /** The paragraphs of a section, each once, in the variant shown to a reader of the language (else Kazakh). */
  section(id: string, lang: Lang): Chunk[];
  /** Section title in a language (`Results · finding 3`). */
  sectionTitle(id: string, lang: Lang): string;
  /**
   * A reference entry (1 … `REFERENCE_COUNT`) without its number, in the variant a reader of the language is shown (the English gloss for
   * en).
   */
  reference(n: number, lang: Lang): string | undefined;
}
