/** The three languages the article and the bot speak. */
export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['kk', 'ru', 'en'];

/** One section of one language version, e.g. `results/finding-2` in Kazakh. */
export interface Section {
  /** Stable, readable id shared by all languages: `introduction`, `results/finding-2`, `references/18`. */
  id: string;
  lang: Lang;
  /** Paragraphs after page-break repair, verbatim otherwise. */
  paragraphs: string[];
  /** True for the published text; false for the project's own translations. */
  official: boolean;
  /** For translations: the Kazakh paragraph each paragraph translates (same order). */
  sourceParagraphs?: string[];
}
