import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArticleFormatError, cleanMarkup, parseArticle, repairPageBreaks, scriptLang } from '../../src/corpus/parse.js';
import type { Lang, Section } from '../../src/corpus/types.js';

const ARTICLE = readFileSync(new URL('../../corpus/article.txt', import.meta.url), 'utf8');
const sections = parseArticle(ARTICLE);
const find = (id: string, lang: Lang): Section => {
  const s = sections.find((x) => x.id === id && x.lang === lang);
  if (!s) throw new Error(`no section ${lang}:${id}`);
  return s;
};
const ids = (lang: Lang) => sections.filter((s) => s.lang === lang).map((s) => s.id);
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));
const REFERENCES = range(18, (i) => `references/${i}`);
const FINDINGS = range(5, (i) => `results/finding-${i}`);
const ORDINALS = ['Біріншіден', 'Екіншіден', 'Үшіншіден', 'Төртіншіден', 'Бесіншіден'];
const withoutLine = (text: string, start: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith(start))
    .join('\n');

describe('parseArticle', () => {
  it('returns the Kazakh sections in reading order (Results again after the findings, for its closing paragraph)', () => {
    expect(ids('kk')).toEqual([
      'publication',
      'title',
      'authors',
      'abstract',
      'keywords',
      'introduction',
      'methods',
      'discussion',
      'results',
      ...FINDINGS,
      'results',
      'conclusion',
      'conflict-of-interest',
      'author-contributions',
      ...REFERENCES,
      'author-details',
    ]);
  });

  it('returns the Russian sections in reading order (authors before the title, as printed)', () => {
    expect(ids('ru')).toEqual(['authors', 'title', 'abstract', 'keywords', 'author-details']);
  });

  it('returns the English sections in reading order, with the transliterated references and the copyright line', () => {
    expect(ids('en')).toEqual(['authors', 'title', 'abstract', 'keywords', ...REFERENCES, 'author-details', 'copyright']);
  });

  it('returns only official sections without source paragraphs', () => {
    expect(sections.every((s) => s.official && s.sourceParagraphs === undefined)).toBe(true);
  });

  it('returns the paragraph count of every Kazakh-only section after page-break repair', () => {
    const counts: Record<string, number> = {};
    for (const s of sections.filter((x) => x.lang === 'kk' && !x.id.startsWith('references/')))
      counts[s.id] = (counts[s.id] ?? 0) + s.paragraphs.length;
    expect(counts).toEqual({
      publication: 1,
      title: 1,
      authors: 1,
      abstract: 4,
      keywords: 1,
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
      'author-details': 3,
    });
  });

  it('returns the three titles', () => {
    expect(['kk', 'ru', 'en'].map((l) => find('title', l as Lang).paragraphs)).toEqual([
      ['Жасанды интеллектті пайдаланудың құқықтық мәселелері'],
      ['Правовые вопросы использования искусственного интеллекта'],
      ['Legal problems of using artificial intelligence'],
    ]);
  });

  it('returns four abstract paragraphs per language, the first starting with its label', () => {
    for (const [lang, label] of [
      ['kk', 'Аңдатпа. '],
      ['ru', 'Аннотация. '],
      ['en', 'Annotation. '],
    ] as const) {
      const abstract = find('abstract', lang).paragraphs;
      expect(abstract).toHaveLength(4);
      expect(abstract[0].startsWith(label)).toBe(true);
    }
  });

  it('returns one keywords paragraph of seven terms per language', () => {
    expect(find('keywords', 'en').paragraphs).toEqual([
      'Keywords: artificial intelligence, legal regulation, digital law, personal data protection, cybersecurity, intellectual property, ' +
        'artificial intelligence law.',
    ]);
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const [p] = find('keywords', lang).paragraphs;
      expect(p.slice(p.indexOf(':') + 1).split(',')).toHaveLength(7);
    }
  });

  it('returns the author block of each language as one paragraph with the stars of the markup removed', () => {
    expect(find('authors', 'ru').paragraphs).toEqual([
      [
        'Ж.С. Бердиярова*¹, Ш.А. Саймова², Д.С. Абдуллаева³',
        '¹Евразийский национальный университет имени Л.Н. Гумилева, Астана, Казахстан',
        '²РГП на ПХВ «Институт парламентаризма» при УДП РК, Астана, Казахстан',
        '³Ташкентский государственный юридический университет, Ташкент, Узбекистан',
        '(E-mail: ¹zhamilka85@mail.ru, ²saimova85@gmail.com, ³dilfuza.abdullayeva@yandex.ru)',
      ].join('\n'),
    ]);
    expect(find('authors', 'en').paragraphs).toEqual([
      [
        'Zh.S. Berdiyarova*¹, Sh.A. Saimova², D.S. Abdullaeva³',
        '¹L.N. Gumilyov Eurasian National University, Astana, Kazakhstan',
        '²RSE on REM "Institute of Parliamentarism", Astana, Kazakhstan',
        '³Tashkent State University of Law, Tashkent, Uzbekistan',
        '(E-mail: ¹zhamilka85@mail.ru, ²saimova85@gmail.com, ³dilfuza.abdullayeva@yandex.ru)',
      ].join('\n'),
    ]);
  });

  it('returns 18 numbered references in Kazakh and in English, reference 18 being the AI law 230-VIII', () => {
    for (const lang of ['kk', 'en'] as const) {
      for (const [i, id] of REFERENCES.entries()) {
        const { paragraphs } = find(id, lang);
        expect(paragraphs).toHaveLength(1);
        expect(paragraphs[0].startsWith(`${i + 1}. `)).toBe(true);
      }
      expect(find('references/18', lang).paragraphs[0]).toContain('№ 230-VIII ҚРЗ');
    }
    expect(find('references/18', 'kk').paragraphs[0].startsWith('18. Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы')).toBe(
      true,
    );
    expect(find('references/18', 'en').paragraphs[0].startsWith('18. Қазақстан Республикасы (2025) «Zhasandy intellekt туралы» Заңу')).toBe(
      true,
    );
  });

  it('returns five findings, each starting with its Kazakh ordinal', () => {
    FINDINGS.forEach((id, i) => {
      const { paragraphs } = find(id, 'kk');
      expect(paragraphs).toHaveLength(1);
      expect(paragraphs[0].startsWith(`${ORDINALS[i]}, `)).toBe(true);
    });
  });

  it('returns three author details per language, by the script of each line', () => {
    expect(find('author-details', 'kk').paragraphs.map((p) => p.split(' – ')[0])).toEqual([
      'Бердиярова Ж.С.',
      'Саймова Ш.А.',
      'Абдуллаева Д.С.',
    ]);
    expect(find('author-details', 'ru').paragraphs.map((p) => p.slice(p.indexOf('–') + 2, p.indexOf(',')))).toEqual([
      'автор для корреспонденции',
      'PhD',
      'PhD',
    ]);
    expect(find('author-details', 'en').paragraphs.map((p) => p.split(' – ')[0])).toEqual([
      'Berdiyarova Zh.S.',
      'Saimova Sh.A.',
      'Abdullaeva D.S.',
    ]);
  });

  it('returns the publication header and the copyright line', () => {
    expect(find('publication', 'kk').paragraphs).toEqual([
      [
        'Әкімшілік құқық. Қаржы құқығы / Administrative law. Financial law /',
        'Административное право. Финансовое право',
        'ХҒТАР 10.19.01',
        '<https://doi.org/10.32523/2616-6844-2026-154-1-41-50>',
        'Ғылыми мақала',
      ].join('\n'),
    ]);
    expect(find('copyright', 'en').paragraphs).toEqual([
      'Copyright: © 2026 by the authors. Submitted for possible open access publication under the terms and conditions of the Creative ' +
        'Commons Attribution (CC BY NC) license (<https://creativecommons.org/licenses/by-nc/4.0/>).',
    ]);
  });

  it('returns the Kazakh discussion paragraph cut by a page break as one paragraph', () => {
    const hits = find('discussion', 'kk').paragraphs.filter((p) => p.includes('Сонымен қатар Қазақстан Республикасында'));
    expect(hits).toHaveLength(1);
    expect(hits[0].startsWith('Аталған құжаттар жасанды интеллект технологияларын дамыту')).toBe(true);
    expect(hits[0]).toContain('бағытталған. Сонымен қатар Қазақстан Республикасында');
    expect(find('discussion', 'kk').paragraphs.indexOf(hits[0])).toBe(3);
  });

  it('returns the Russian abstract paragraph cut by a page break as one paragraph', () => {
    const abstract = find('abstract', 'ru').paragraphs;
    const hits = abstract.filter((p) => p.includes('системы правового регулирования'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toBe(abstract[3]);
    expect(hits[0].startsWith('В статье проведён сравнительно-правовой анализ')).toBe(true);
    expect(hits[0].endsWith('обеспечивающих безопасное использование систем искусственного интеллекта.')).toBe(true);
  });

  it('returns no paragraph that starts in lower case (all four page breaks repaired)', () => {
    const lowerStarts = ARTICLE.split('\n').filter((l) => /^\p{Ll}/u.test(l));
    expect(lowerStarts).toHaveLength(4);
    const paragraphs = sections.flatMap((s) => s.paragraphs.flatMap((p) => p.split('\n')));
    expect(paragraphs.filter((p) => /^\p{Ll}/u.test(p))).toEqual([]);
    for (const line of lowerStarts) {
      expect(paragraphs.filter((p) => p.includes(line.trim()) && p !== line.trim())).toHaveLength(1);
    }
  });

  it('returns the same sections for the same text (pure)', () => {
    expect(parseArticle(ARTICLE)).toEqual(sections);
  });

  it('returns the same sections for CRLF line ends', () => {
    expect(parseArticle(ARTICLE.replace(/\n/g, '\r\n'))).toEqual(sections);
  });

  it('throws ArticleFormatError when the line "Ғылыми мақала" is missing', () => {
    const broken = ARTICLE.replace('Ғылыми мақала', 'Мақала');
    expect(() => parseArticle(broken)).toThrow(ArticleFormatError);
    expect(() => parseArticle(broken)).toThrow(
      'the article text does not look like the expected article: the line "Ғылыми мақала" before the Kazakh title is missing. Restore ' +
        'corpus/article.txt from the published file (git checkout corpus/article.txt)',
    );
    expect(() => parseArticle('')).toThrow(/the line "Ғылыми мақала" before the Kazakh title is missing/);
  });

  it('throws ArticleFormatError naming the finding that is missing', () => {
    expect(() => parseArticle(withoutLine(ARTICLE, 'Үшіншіден'))).toThrow(ArticleFormatError);
    expect(() => parseArticle(withoutLine(ARTICLE, 'Үшіншіден'))).toThrow(/: finding 3 of the Results is missing\. /);
    expect(() => parseArticle(withoutLine(ARTICLE, 'Бесіншіден'))).toThrow(/: finding 5 of the Results is missing\. /);
  });

  it('throws ArticleFormatError naming the reference that is missing', () => {
    const broken = ARTICLE.replace(/^18\. Қазақстан Республикасы \(2025\) «Жасанды.*$/m, '');
    expect(() => parseArticle(broken)).toThrow(/: reference 18 is missing\. /);
  });

  it('throws ArticleFormatError naming the language of missing keywords', () => {
    expect(() => parseArticle(withoutLine(ARTICLE, 'Keywords:'))).toThrow(/: the en keywords is missing\. /);
  });

  it('throws ArticleFormatError on an unexpected line after the Kazakh keywords', () => {
    const broken = ARTICLE.replace('\nКіріспе\n', '\nIntroduction\n');
    expect(() => parseArticle(broken)).toThrow(/unexpected line after the Kazakh keywords: "Introduction"/);
  });
});

describe('repairPageBreaks', () => {
  it('returns the trimmed non-empty lines, a line cut without closing punctuation joined to the next lower-case line', () => {
    expect(repairPageBreaks('  Бірінші жол Сонымен \n\n\nқатар екінші.\nКелесі абзац.\r\nжаңа жол\r\rТағы')).toEqual([
      'Бірінші жол Сонымен қатар екінші.',
      'Келесі абзац.',
      'жаңа жол',
      'Тағы',
    ]);
  });

  it('returns lines unjoined after closing punctuation or before an upper-case line', () => {
    expect(repairPageBreaks('«Заң»\nжаңа.\nмәтін:\nкелесі\nТақырып\nЖаңа абзац')).toEqual([
      '«Заң»',
      'жаңа.',
      'мәтін:',
      'келесі',
      'Тақырып',
      'Жаңа абзац',
    ]);
    expect(repairPageBreaks('(2025)\nжыл.\nсөз [18]\nжыл')).toEqual(['(2025)', 'жыл.', 'сөз [18]', 'жыл']);
  });

  it('returns nothing for blank text', () => {
    expect(repairPageBreaks('')).toEqual([]);
    expect(repairPageBreaks(' \n\r\n\t ')).toEqual([]);
  });

  it('returns the words of the text in order, none lost or added (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('', ' ', 'Заң', 'заң.', 'мәтін', 'Text', 'end;', 'қатар', 'A:', '«а»', 'б)'),
      fc.string({ unit: fc.constantFrom('а', 'Б', 'x', 'Y', '.', ' ', '\t', ':') }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        const out = repairPageBreaks(text);
        expect(out.every((l) => l.length > 0 && l === l.trim())).toBe(true);
        expect(out.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
      }),
    );
  });
});

describe('cleanMarkup', () => {
  it('returns the line without bold marks', () => {
    expect(cleanMarkup('**Әкімшілік құқық. Қаржы құқығы /')).toBe('Әкімшілік құқық. Қаржы құқығы /');
    expect(cleanMarkup('**Bold** text')).toBe('Bold text');
  });

  it('returns a starred superscript as a star and a superscript digit', () => {
    expect(cleanMarkup('Ж.С. Бердиярова^{*1}, Ш.А. Саймова², Д.С. Абдуллаева³')).toBe('Ж.С. Бердиярова*¹, Ш.А. Саймова², Д.С. Абдуллаева³');
  });

  it('returns italic affiliations and e-mails without their stars', () => {
    expect(cleanMarkup('¹*L.N. Gumilyov Eurasian National University, Astana, Kazakhstan*')).toBe(
      '¹L.N. Gumilyov Eurasian National University, Astana, Kazakhstan',
    );
    expect(cleanMarkup('(E-mail: ¹*zhamilka85@mail.ru*, ²*saimova85@gmail.com*, ³*dilfuza.abdullayeva@yandex.ru*)')).toBe(
      '(E-mail: ¹zhamilka85@mail.ru, ²saimova85@gmail.com, ³dilfuza.abdullayeva@yandex.ru)',
    );
  });

  it('returns the corresponding-author star and any other text unchanged', () => {
    expect(cleanMarkup('Zh.S. Berdiyarova*¹, Sh.A. Saimova²')).toBe('Zh.S. Berdiyarova*¹, Sh.A. Saimova²');
    expect(cleanMarkup('a * b, 2 ^ 3, [18]')).toBe('a * b, 2 ^ 3, [18]');
    expect(cleanMarkup('')).toBe('');
  });

  it('returns a superscript without a star as the bare superscript digit', () => {
    expect(cleanMarkup('Ш.А. Саймова^{2}')).toBe('Ш.А. Саймова²');
  });
});

describe('scriptLang', () => {
  it('returns en for a line without Cyrillic, kk for Kazakh letters, ru for other Cyrillic', () => {
    expect(scriptLang('Berdiyarova Zh.S. – corresponding author')).toBe('en');
    expect(scriptLang('123 – (2025)')).toBe('en');
    expect(scriptLang('')).toBe('en');
    expect(scriptLang('Бердиярова Ж.С. – автор для корреспонденции')).toBe('ru');
    expect(scriptLang('Бердиярова Ж.С. – хат-хабар авторы, заң ғылымының кандидаты')).toBe('kk');
    expect(scriptLang('Саймова Ш.А. – PhD, ҚР Парламентаризм институты')).toBe('kk');
    expect(scriptLang('ІІ')).toBe('kk');
  });
});
