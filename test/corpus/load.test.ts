import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_FILES, CorpusError, corpusHash, loadCorpus } from '../../src/corpus/load.js';
import { GlossaryError } from '../../src/text/glossary.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const corpus = loadCorpus(CORPUS);

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-load-'));
  temps.push(dir);
  cpSync(CORPUS, dir, { recursive: true });
  return dir;
}
const fixHint =
  `: restore it with \`git checkout corpus/\` or set CORPUS_DIR to the folder that holds article.txt, translations.json, ` +
  `glossary.json`;

describe('loadCorpus', () => {
  it('returns the official sections of the three languages, then the translations', () => {
    expect(corpus.sections).toHaveLength(66 + 62);
    const firstTranslated = corpus.sections.findIndex((s) => !s.official);
    expect(firstTranslated).toBe(66);
    expect(corpus.sections.slice(firstTranslated).every((s) => !s.official)).toBe(true);
  });

  it('returns a glossary with the file concepts plus the seven aligned keyword concepts', () => {
    const keywords = corpus.glossary.concepts.filter((c) => c.id.startsWith('keyword-'));
    expect(keywords.map((c) => c.id)).toEqual(['keyword-1', 'keyword-2', 'keyword-3', 'keyword-4', 'keyword-5', 'keyword-6', 'keyword-7']);
    expect(keywords[6]).toEqual({
      id: 'keyword-7',
      kk: ['жасанды интеллект туралы заң'],
      ru: ['закон об искусственном интеллекте'],
      en: ['artificial intelligence law'],
    });
    const file = JSON.parse(readFileSync(join(CORPUS, 'glossary.json'), 'utf8'));
    expect(corpus.glossary.concepts).toHaveLength(file.concepts.length + 7);
  });

  it('returns the hash of the corpus folder', () => {
    expect(corpus.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(corpus.hash).toBe(corpusHash(CORPUS));
  });

  it('throws CorpusError naming a missing article.txt', () => {
    const dir = corpusCopy();
    rmSync(join(dir, 'article.txt'));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(`cannot read the corpus file ${join(dir, 'article.txt')} (ENOENT)${fixHint}`);
  });

  it('throws CorpusError naming a translations.json that cannot be read', () => {
    const dir = corpusCopy();
    rmSync(join(dir, 'translations.json'));
    mkdirSync(join(dir, 'translations.json'));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(`cannot read the corpus file ${join(dir, 'translations.json')} (EISDIR)`);
  });

  it('throws CorpusError naming a missing glossary.json', () => {
    const dir = corpusCopy();
    rmSync(join(dir, 'glossary.json'));
    expect(() => loadCorpus(dir)).toThrow(`cannot read the corpus file ${join(dir, 'glossary.json')} (ENOENT)`);
  });

  it('throws CorpusError naming the file for a folder that does not exist', () => {
    expect(() => loadCorpus('/nonexistent')).toThrow(new CorpusError('/nonexistent/article.txt', 'ENOENT'));
    expect(new CorpusError('/x/a.txt', 'EACCES').name).toBe('CorpusError');
  });

  it('throws GlossaryError for a glossary.json that is not JSON', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'glossary.json'), '{"formatVersion": 1,');
    expect(() => loadCorpus(dir)).toThrow(GlossaryError);
    expect(() => loadCorpus(dir)).toThrow(`glossary ${join(dir, 'glossary.json')}: cannot be read as JSON (`);
  });

  it('throws GlossaryError for a glossary of another format version', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'glossary.json'), JSON.stringify({ formatVersion: 2, concepts: [] }));
    expect(() => loadCorpus(dir)).toThrow(
      `glossary ${join(dir, 'glossary.json')}: expected {"formatVersion": 1, "concepts": [...]}. Fix the file (see corpus/glossary.json ` +
        `in git) and run the command again`,
    );
  });

  it('throws when the keyword lists of the languages differ in length', () => {
    const dir = corpusCopy();
    const article = readFileSync(join(dir, 'article.txt'), 'utf8');
    writeFileSync(join(dir, 'article.txt'), article.replace(', artificial intelligence law.', '.'));
    expect(() => loadCorpus(dir)).toThrow('the keyword lists differ in length (kk 7, ru 7, en 6) but must align one-to-one');
  });
});

describe('corpusHash', () => {
  it('returns the same hash for a copy in another folder', () => {
    expect(corpusHash(corpusCopy())).toBe(corpus.hash);
  });

  it('returns another hash when any corpus file changes by one character', () => {
    for (const file of CORPUS_FILES) {
      const dir = corpusCopy();
      appendFileSync(join(dir, file), ' ');
      expect(corpusHash(dir)).not.toBe(corpus.hash);
    }
  });

  it('returns the same hash when a file outside the corpus files is added', () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'notes.md'), 'not part of the corpus');
    expect(corpusHash(dir)).toBe(corpus.hash);
  });

  it('throws CorpusError naming the missing file', () => {
    const dir = corpusCopy();
    rmSync(join(dir, 'glossary.json'));
    expect(() => corpusHash(dir)).toThrow(`cannot read the corpus file ${join(dir, 'glossary.json')} (ENOENT)`);
  });
});
