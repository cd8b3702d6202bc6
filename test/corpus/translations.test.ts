import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { parseArticle, scriptLang } from '../../src/corpus/parse.js';
import {
  parseTranslations,
  sourceHash,
  TRANSLATED_SECTIONS,
  translatedSections,
  TranslationLinkError,
  type TranslationEntry,
} from '../../src/corpus/translations.js';
import type { Section } from '../../src/corpus/types.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const ARTICLE = readFileSync(join(CORPUS, 'article.txt'), 'utf8');
const official = parseArticle(ARTICLE);
/** As src/corpus/load.ts reads it. */
const readTranslations = (path: string) => parseTranslations(readFileSync(path, 'utf8'), path);
const entries = readTranslations(join(CORPUS, 'translations.json'));
const corpus = loadCorpus(CORPUS);

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
/** A copy of corpus/ in a fresh temp folder. */
function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-translations-'));
  temps.push(dir);
  cpSync(CORPUS, dir, { recursive: true });
  return dir;
}
const kkParagraph = (id: string, n: number) => official.find((s) => s.id === id && s.lang === 'kk')!.paragraphs[n - 1];
const errorOf = (f: () => unknown): Error => {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
};

describe('sourceHash', () => {
  it('returns the first 16 hex digits of sha256 of the text', () => {
    expect(sourceHash('abc')).toBe('ba7816bf8f01cfea');
  });

  it('returns the same hash whatever the white space and Unicode normal form', () => {
    expect(sourceHash('  a\u0301bc \n')).toBe('0111a73b28e92839');
    expect(sourceHash('ábc')).toBe('0111a73b28e92839');
    expect(sourceHash('Заң\n\tтуралы')).toBe(sourceHash('Заң туралы'));
    expect(sourceHash('Заң туралы.')).not.toBe(sourceHash('Заң туралы'));
  });

  it('returns the hash stored in corpus/translations.json for each entry', () => {
    expect(entries.filter((e) => sourceHash(e.kk) !== e.sourceHash)).toEqual([]);
  });
});

describe('parseTranslations', () => {
  it('returns the 58 entries of the corpus: 40 body paragraphs and 18 reference glosses', () => {
    const bySection: Record<string, number> = {};
    for (const e of entries) bySection[e.section] = (bySection[e.section] ?? 0) + 1;
    expect(entries).toHaveLength(58);
    expect(bySection).toEqual({
      introduction: 6,
      methods: 8,
      discussion: 12,
      results: 2,
      'results/finding-1': 1,
      'results/finding-2': 1,
      'results/finding-3': 1,
      'results/finding-4': 1,
      'results/finding-5': 1,
      conclusion: 3,
      'conflict-of-interest': 1,
      'author-contributions': 3,
      ...Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`references/${i + 1}`, 1])),
    });
  });

  it('throws TranslationLinkError naming a file that is not JSON', () => {
    const dir = corpusCopy();
    const path = join(dir, 'translations.json');
    writeFileSync(path, '{"formatVersion": 1, "paragraphs": [');
    expect(() => readTranslations(path)).toThrow(TranslationLinkError);
    expect(() => readTranslations(path)).toThrow(`cannot read ${path} (`);
  });

  it('throws TranslationLinkError for another format version', () => {
    const dir = corpusCopy();
    const path = join(dir, 'translations.json');
    writeFileSync(path, JSON.stringify({ formatVersion: 2, paragraphs: [] }));
    expect(() => readTranslations(path)).toThrow(
      `${path} is not in format version 1 ({"formatVersion": 1, "paragraphs": [...]}). Update that entry of corpus/translations.json`,
    );
  });
});

describe('translatedSections', () => {
  it('returns one Russian and one English section per translated Kazakh section, paragraph for paragraph', () => {
    const kk = official.filter((s) => s.lang === 'kk' && TRANSLATED_SECTIONS.includes(s.id.split('/')[0]));
    expect(kk.map((s) => s.id)).toEqual([
      'introduction',
      'methods',
      'discussion',
      'results',
      'results/finding-1',
      'results/finding-2',
      'results/finding-3',
      'results/finding-4',
      'results/finding-5',
      'results',
      'conclusion',
      'conflict-of-interest',
      'author-contributions',
      ...Array.from({ length: 18 }, (_, i) => `references/${i + 1}`),
    ]);
    for (const source of kk) {
      for (const lang of ['ru', 'en'] as const) {
        const found = corpus.sections.filter(
          (s) => s.id === source.id && s.lang === lang && !s.official && s.sourceParagraphs?.[0] === source.paragraphs[0],
        );
        expect(found).toHaveLength(1);
        expect(found[0].sourceParagraphs).toEqual(source.paragraphs);
        expect(found[0].paragraphs).toHaveLength(source.paragraphs.length);
        // the body is written in the language's own script (reference glosses keep foreign titles)
        if (!source.id.startsWith('references/')) expect(found[0].paragraphs.filter((p) => scriptLang(p) !== lang)).toEqual([]);
      }
    }
    expect(corpus.sections.filter((s) => !s.official)).toHaveLength(2 * kk.length);
  });

  it('returns every Kazakh paragraph of the translated sections with exactly one ru and one en translation', () => {
    const kkParagraphs = official
      .filter((s) => s.lang === 'kk' && TRANSLATED_SECTIONS.includes(s.id.split('/')[0]))
      .flatMap((s) => s.paragraphs);
    expect(kkParagraphs).toHaveLength(58);
    for (const lang of ['ru', 'en'] as const) {
      const sources = corpus.sections.filter((s) => s.lang === lang && !s.official).flatMap((s) => s.sourceParagraphs!);
      expect([...sources].sort()).toEqual([...kkParagraphs].sort());
    }
  });

  it('returns the translation filed for each paragraph', () => {
    const ru = corpus.sections.find((s) => s.id === 'results/finding-4' && s.lang === 'ru')!;
    const entry = entries.find((e) => e.section === 'results/finding-4')!;
    expect(ru.paragraphs).toEqual([entry.ru]);
    expect(ru.sourceParagraphs).toEqual([kkParagraph('results/finding-4', 1)]);
    expect(
      corpus.sections
        .find((s) => s.id === 'results/finding-4' && s.lang === 'en')!
        .paragraphs[0].startsWith('Fourth, the application of artificial intelligence technologies'),
    ).toBe(true);
  });

  it('returns no section for sections the article publishes in every language', () => {
    const ids = new Set(translatedSections(official, entries).map((s) => s.id.split('/')[0]));
    expect([...ids].filter((id) => !TRANSLATED_SECTIONS.includes(id))).toEqual([]);
  });

  it('throws TranslationLinkError naming the paragraph whose entry is missing', () => {
    const without = entries.filter((e) => e.kk !== kkParagraph('methods', 3));
    const err = errorOf(() => translatedSections(official, without));
    expect(err).toBeInstanceOf(TranslationLinkError);
    expect(err.message).toContain(
      `the Kazakh paragraph methods ¶3 ("${kkParagraph('methods', 3).slice(0, 60)}…", hash ${sourceHash(kkParagraph('methods', 3))}) has ` +
        `no translation`,
    );
  });

  it('throws TranslationLinkError for an entry whose kk text was edited', () => {
    const edited = entries.map((e, i) => (i === 5 ? { ...e, kk: `${e.kk} Қосымша сөйлем.` } : e));
    const err = errorOf(() => translatedSections(official, edited));
    expect(err).toBeInstanceOf(TranslationLinkError);
    expect(err.message).toBe(
      `the entry for ${entries[5].section} starting "${entries[5].kk.slice(0, 50)}…" has a kk text that does not match its sourceHash ` +
        `${entries[5].sourceHash}. ` +
        'Update that entry of corpus/translations.json (kk, ru, en, and sourceHash = the hash named here) and build again',
    );
  });

  it('throws TranslationLinkError for a stale entry that matches no Kazakh paragraph', () => {
    const kk = 'Бұл абзац мақаладан алынып тасталған.';
    const stale: TranslationEntry = {
      section: 'discussion',
      sourceHash: sourceHash(kk),
      kk,
      ru: 'Удалённый абзац.',
      en: 'A removed paragraph.',
    };
    const err = errorOf(() => translatedSections(official, [...entries, stale]));
    expect(err).toBeInstanceOf(TranslationLinkError);
    expect(err.message).toContain(`the translation filed under discussion ("${kk}…") matches no Kazakh paragraph of the article`);
  });

  it('throws TranslationLinkError for an entry filed under another section', () => {
    const misfiled = entries.map((e) => (e.kk === kkParagraph('introduction', 1) ? { ...e, section: 'methods' } : e));
    expect(() => translatedSections(official, misfiled)).toThrow('the translation of introduction ¶1 is filed under section "methods"');
  });

  it('throws TranslationLinkError for two entries of the same paragraph', () => {
    const twice = [...entries, { ...entries[0], ru: 'Другой перевод.', en: 'Another translation.' }];
    expect(() => translatedSections(official, twice)).toThrow(TranslationLinkError);
  });

  it('returns sections that do not change when unrelated sections are given', () => {
    const extra: Section = { id: 'abstract', lang: 'kk', official: true, paragraphs: ['Жаңа аңдатпа.'] };
    expect(translatedSections([...official, extra], entries)).toEqual(translatedSections(official, entries));
  });
});

describe('loadCorpus (translation links)', () => {
  it('throws TranslationLinkError naming the section and paragraph of an edited Kazakh paragraph', () => {
    const dir = corpusCopy();
    const before = kkParagraph('methods', 3);
    expect(ARTICLE.split(before)).toHaveLength(2);
    const after = before.replace('Формальды-құқықтық әдіс', 'Формальды құқықтық әдіс');
    writeFileSync(join(dir, 'article.txt'), ARTICLE.replace(before, after));
    const err = errorOf(() => loadCorpus(dir));
    expect(err).toBeInstanceOf(TranslationLinkError);
    expect(err.message).toContain(`the Kazakh paragraph methods ¶3 ("Формальды құқықтық әдіс`);
    expect(err.message).toContain(`hash ${sourceHash(after)}) has no translation: it is new or changed since it was translated`);
  });

  it('throws TranslationLinkError naming a finding whose text changed', () => {
    const dir = corpusCopy();
    const before = kkParagraph('results/finding-2', 1);
    writeFileSync(join(dir, 'article.txt'), ARTICLE.replace(before, `${before} Қосымша.`));
    expect(() => loadCorpus(dir)).toThrow(/the Kazakh paragraph results\/finding-2 ¶1 \("Екіншіден/);
  });

  it('returns the same sections when only the white space of a paragraph changed', () => {
    const dir = corpusCopy();
    const before = kkParagraph('discussion', 2);
    writeFileSync(join(dir, 'article.txt'), ARTICLE.replace(before, before.replace(/ /g, '  ')));
    const reloaded = loadCorpus(dir).sections.filter((s) => !s.official);
    expect(reloaded.map((s) => s.paragraphs)).toEqual(corpus.sections.filter((s) => !s.official).map((s) => s.paragraphs));
  });

  it('throws TranslationLinkError when an entry of translations.json has an edited kk text', () => {
    const dir = corpusCopy();
    const file = JSON.parse(readFileSync(join(dir, 'translations.json'), 'utf8'));
    file.paragraphs[10].kk = file.paragraphs[10].kk.replace(/\.$/, '!');
    writeFileSync(join(dir, 'translations.json'), JSON.stringify(file));
    expect(() => loadCorpus(dir)).toThrow(TranslationLinkError);
    expect(() => loadCorpus(dir)).toThrow(`has a kk text that does not match its sourceHash ${file.paragraphs[10].sourceHash}`);
  });

  it('throws TranslationLinkError when translations.json has a stale extra entry', () => {
    const dir = corpusCopy();
    const file = JSON.parse(readFileSync(join(dir, 'translations.json'), 'utf8'));
    const kk = 'Ескірген абзац.';
    file.paragraphs.push({ section: 'conclusion', sourceHash: sourceHash(kk), kk, ru: 'Устаревший абзац.', en: 'An outdated paragraph.' });
    writeFileSync(join(dir, 'translations.json'), JSON.stringify(file));
    expect(() => loadCorpus(dir)).toThrow(
      'the translation filed under conclusion ("Ескірген абзац.…") matches no Kazakh paragraph of the article',
    );
  });
});
