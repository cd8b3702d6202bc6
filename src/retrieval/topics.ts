import type { Term } from '../text/analyze.js';
import type { Glossary } from '../text/glossary.js';
import { namesArticle } from '../text/stopwords.js';

/**
 * Sections about the article rather than its content (its title and keywords, who wrote it, where
 * it is published, what it cites): their scores count `META_PRIOR` unless the question names them, so
 * "the analysis of the research results" in the author contributions does not outrank the results themselves.
 */
export const META_SECTIONS = [
  'title',
  'keywords',
  'authors',
  'author-details',
  'author-contributions',
  'conflict-of-interest',
  'publication',
  'copyright',
  'references',
];

/**
 * Sections about the authors and the publication: words found only there (the authors' city, street,
 * e-mail; the publisher's address) answer only questions about the authors or the publication.
 */
export const ABOUT_SECTIONS = ['authors', 'author-details', 'author-contributions', 'conflict-of-interest', 'publication', 'copyright'];

const topLevel = (sectionId: string) => sectionId.split('/')[0];
/** True for a section about the article rather than its content (`META_SECTIONS`). */
export const isMetaSection = (sectionId: string): boolean => META_SECTIONS.includes(topLevel(sectionId));
/** True for a section about the authors or the publication (`ABOUT_SECTIONS`). */
export const isAboutSection = (sectionId: string): boolean => ABOUT_SECTIONS.includes(topLevel(sectionId));

/**
 * The glossary concept of the word "authors", and the concepts that ask about the authors as persons
 * besides their names and the concepts that steer to the author sections (a place such as Tashkent is
 * not one: "who is the president of Uzbekistan?" is not about the authors).
 */
const AUTHORS = 'authors';
const AUTHOR_TOPICS = new Set(['workplace', 'university', 'gumilyov', 'parliamentarism']);
/** Author topics that are everyday words too ("how does a neural network work?"). */
const EVERYDAY_AUTHOR_TOPICS = new Set(['workplace', 'university']);
const AUTHOR_SECTIONS = ['authors', 'author-details', 'author-contributions'];

/** What a question's words are in the article, beyond the glossary. */
export interface TopicOptions {
  /**
   * True for a term the article has only in the sections about the authors and the publication (Astana, Uzbekistan, a street). Defaults to
   * none.
   */
  aboutOnly?: (t: Term) => boolean;
}

/** What a question is about: the authors as persons, the authors or the publication, or the article's content. */
export interface Topics {
  /**
   * True for a term that can ask about the authors as persons: a name, their workplace, e-mail,
   * contributions, or a word found only in their details (their city).
   */
  authorTopic(t: Term): boolean;
  /**
   * True for a term that asks about the authors or the publication (DOI, licence, conflict of interest); not a word found only in their
   * details.
   */
  metaTopic(t: Term): boolean;
  /**
   * True for a meta topic that is an everyday word too ("work", "university"): alone beside a word the article never uses, it asks about
   * something else.
   */
  everydayTopic(t: Term): boolean;
  /** The authors a question names (their glossary concepts), e.g. `['saimova']`. */
  namedAuthors(terms: Term[]): Set<string>;
  /**
   * "Which methods did the authors use?", "какие выводы сделали авторы?": "the authors" is how people
   * name the article's voice, so unless the question is about the authors themselves (only author
   * words: "who are the authors?", "where do the authors work?") the word is taken out of the
   * question's terms (no steering to the author sections, no part in coverage) and returned as
   * `voice`, to be searched by its stem only, as any word of the text.
   */
  articleVoice(all: Term[]): { terms: Term[]; voice: Term[] };
  /**
   * "What is the article about?", "о чём эта статья?", "мақала не туралы?": a question of only
   * function words and words naming the article (`words`, folded) asks what the whole article is
   * about, and is steered to its abstract (the `abstract` concept, as "summary" is). Other
   * questions keep their `terms`.
   */
  wholeArticle(words: string[], terms: Term[]): Term[];
}

/** The concept a question about the whole article stands for: the abstract. */
const WHOLE_ARTICLE = 'abstract';

/** The topic tests over a glossary (a concept implying "authors" is an author's name). Pure. */
export function createTopics(glossary: Glossary, options: TopicOptions = {}): Topics {
  const { aboutOnly = () => false } = options;
  const sectionsOf = new Map(glossary.concepts.filter((c) => c.sections).map((c) => [c.id, c.sections!]));
  const personal = new Set(glossary.concepts.filter((c) => c.implies?.includes(AUTHORS)).map((c) => c.id));
  const aboutAuthors = (c: string) =>
    AUTHOR_TOPICS.has(c) || personal.has(c) || (c !== AUTHORS && (sectionsOf.get(c) ?? []).some((s) => AUTHOR_SECTIONS.includes(s)));
  const authorTopic = (t: Term) => t.concepts.some(aboutAuthors) || aboutOnly(t);
  const metaTopic = (t: Term) => t.concepts.some((c) => aboutAuthors(c) || c === AUTHORS || (sectionsOf.get(c) ?? []).some(isAboutSection));
  const isVoice = (t: Term) => t.concepts.includes(AUTHORS) && !t.concepts.some((c) => personal.has(c));
  return {
    authorTopic,
    metaTopic,
    everydayTopic: (t) =>
      t.concepts.length > 0 &&
      t.concepts.every((c) => EVERYDAY_AUTHOR_TOPICS.has(c) || !aboutAuthors(c)) &&
      t.concepts.some((c) => EVERYDAY_AUTHOR_TOPICS.has(c)),
    namedAuthors: (terms) => new Set(terms.flatMap((t) => t.concepts.filter((c) => personal.has(c)))),
    articleVoice(all) {
      const others = all.filter((t) => !isVoice(t));
      return others.length > 0 && others.some((t) => !authorTopic(t))
        ? { terms: others, voice: all.filter(isVoice) }
        : { terms: all, voice: [] };
    },
    wholeArticle(words, terms) {
      const named = words.find(namesArticle);
      if (terms.length > 0 || named === undefined || !glossary.concepts.some((c) => c.id === WHOLE_ARTICLE)) return terms;
      return [{ stem: named, concepts: [WHOLE_ARTICLE] }];
    },
  };
}
