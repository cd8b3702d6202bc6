import { UserError } from '../errors.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from './parse.js';
import { parseTranslations, translatedSections } from './translations.js';
import { parseGlossary, type Glossary } from '../text/glossary.js';
import { keywordConcepts } from './keywords.js';
import type { Section } from './types.js';

/** Files of the corpus folder that the index depends on. */
export const CORPUS_FILES = ['article.txt', 'translations.json', 'glossary.json'] as const;

/** Thrown when a corpus file cannot be read. */
export class CorpusError extends UserError {
  constructor(path: string, cause: string) {
    super(
      `cannot read the corpus file ${path} (${cause}): restore it with \`git checkout corpus/\` or set CORPUS_DIR to the folder that ` +
        `holds ${CORPUS_FILES.join(', ')}`,
    );
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
  return hashTexts(CORPUS_FILES.map((f) => read(dir, f)));
}

/** sha256 over the corpus files' texts, in CORPUS_FILES order. */
function hashTexts(texts: string[]): string {
  const h = createHash('sha256');
  for (const [i, f] of CORPUS_FILES.entries()) h.update(f).update('\0').update(texts[i]).update('\0');
  return h.digest('hex');
}

/**
 * Loads the article, its translations and the glossary from a corpus folder.
 * @throws CorpusError (unreadable file), ArticleFormatError, TranslationLinkError, GlossaryError.
 */
export function loadCorpus(dir: string): Corpus {
  // each file is read once: what is parsed is exactly what is hashed
  const texts = CORPUS_FILES.map((f) => read(dir, f));
  const [article, translations, glossaryText] = texts;
  const official = parseArticle(article);
  const translated = translatedSections(official, parseTranslations(translations, join(dir, 'translations.json')));
  const glossary = parseGlossary(glossaryText, join(dir, 'glossary.json'), keywordConcepts(official));
  return { sections: [...official, ...translated], glossary, hash: hashTexts(texts) };
}
