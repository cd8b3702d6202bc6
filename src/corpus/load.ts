import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from './parse.js';
import { readTranslations, translatedSections } from './translations.js';
import { keywordTerms, loadGlossary, type Glossary } from '../text/glossary.js';
import type { Lang, Section } from './types.js';

/** Files of the corpus folder that the index depends on. */
export const CORPUS_FILES = ['article.txt', 'translations.json', 'glossary.json'] as const;

/** Thrown when a corpus file cannot be read. */
export class CorpusError extends Error {
  constructor(path: string, cause: string) {
    super(`cannot read the corpus file ${path} (${cause}): restore it with \`git checkout corpus/\` or set CORPUS_DIR to the folder that holds ${CORPUS_FILES.join(', ')}`);
    this.name = 'CorpusError';
  }
}

export interface Corpus {
  /** Official sections of the three languages, then the project's translations. */
  sections: Section[];
  glossary: Glossary;
  /** sha256 over the corpus files: an index built from other files is stale. */
  hash: string;
}

function read(dir: string, file: string): string {
  const path = join(dir, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CorpusError(path, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
}

/** Hash of the corpus folder's files (cheap: used to tell whether an index is stale). */
export function corpusHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of CORPUS_FILES) h.update(f).update('\0').update(read(dir, f)).update('\0');
  return h.digest('hex');
}

/**
 * Loads the article, its translations and the glossary from a corpus folder.
 * @throws CorpusError (unreadable file), ArticleFormatError, TranslationLinkError, GlossaryError.
 */
export function loadCorpus(dir: string): Corpus {
  const official = parseArticle(read(dir, 'article.txt'));
  read(dir, 'translations.json');
  const translated = translatedSections(official, readTranslations(join(dir, 'translations.json')));
  read(dir, 'glossary.json');
  const keywords = Object.fromEntries(
    (['kk', 'ru', 'en'] as Lang[]).map((lang) => [lang, keywordTerms(official.find((s) => s.id === 'keywords' && s.lang === lang)!.paragraphs[0])]),
  ) as Record<Lang, string[]>;
  const glossary = loadGlossary(join(dir, 'glossary.json'), keywords);
  return { sections: [...official, ...translated], glossary, hash: corpusHash(dir) };
}
