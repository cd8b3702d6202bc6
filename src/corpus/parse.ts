import { UserError } from '../errors.js';
import { hasKazakhLetters } from '../text/fold.js';
import { FINDING_COUNT, findingId, REFERENCE_COUNT, referenceId } from './sections.js';
import { LANGS, type Lang, type Section } from './types.js';

/** Thrown when the article text does not have the structure the parser expects. */
export class ArticleFormatError extends UserError {
  constructor(what: string) {
    super(
      `the article text does not look like the expected article: ${what}. Restore corpus/article.txt from the published file (git ` +
        `checkout corpus/article.txt)`,
    );
  }
}

const KK_HEADINGS: Record<string, string> = {
  Кіріспе: 'introduction',
  'Зерттеу әдістері': 'methods',
  Талқылау: 'discussion',
  Нәтижелер: 'results',
  Қорытынды: 'conclusion',
  'Мүдделер қақтығысы': 'conflict-of-interest',
  'Авторлардың қосқан үлесі': 'author-contributions',
  'Пайдаланылған әдебиеттер тізімі:': 'references',
  References: 'references',
  'Авторлар туралы мәлімет:': 'author-details',
};
const FINDINGS = ['Біріншіден', 'Екіншіден', 'Үшіншіден', 'Төртіншіден', 'Бесіншіден'];
const ABSTRACT_START: Record<string, Lang> = { 'Аңдатпа.': 'kk', 'Аннотация.': 'ru', 'Annotation.': 'en' };
const KEYWORDS_START: Record<string, Lang> = { 'Түйін сөздер:': 'kk', 'Ключевые слова:': 'ru', 'Keywords:': 'en' };

/**
 * Splits the article into non-empty lines and rejoins paragraphs that a page break cut in two:
 * a line ending without closing punctuation followed by a line starting in lower case.
 */
export function repairPageBreaks(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !/[.!?:;…»")\]>*]$/.test(prev) && /^\p{Ll}/u.test(line)) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** Removes the typesetting marks of the published file (bold `**`, italic `*…*`, `^{…}`), nothing else. */
export function cleanMarkup(line: string): string {
  return line
    .replace(/\*\*/g, '')
    .replace(/\^\{(\*?)(\d)\}/g, (_m, star: string, d: string) => `${star}${'⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]}`)
    .replace(/([¹²³])\*/g, '$1')
    .replace(/\*(?=[,)]|$)/g, '');
}

/** The language of a stand-alone line by its script: Latin → en, Kazakh letters → kk, other Cyrillic → ru. */
export function scriptLang(line: string): Lang {
  if (!/[\u0400-\u04FF]/.test(line)) return 'en';
  return hasKazakhLetters(line) ? 'kk' : 'ru';
}

/**
 * Parses the published article (all three language versions) into sections.
 * Pure: the same text always gives the same sections, in reading order.
 * @throws ArticleFormatError when a part every version has (title, abstract, findings, 18 references) is missing.
 */
export function parseArticle(text: string): Section[] {
  const lines = repairPageBreaks(text).map(cleanMarkup);
  const sections: Section[] = [];
  const add = (id: string, lang: Lang, paragraph: string) => {
    // consecutive paragraphs of a section share one entry; the Results paragraph after the findings
    // gets an entry of its own there, so the list stays in reading order
    const last = sections[sections.length - 1];
    const existing = last && last.id === id && last.lang === lang ? last : undefined;
    if (existing) existing.paragraphs.push(paragraph);
    else sections.push({ id, lang, official: true, paragraphs: [paragraph] });
  };
  const sciIdx = lines.indexOf('Ғылыми мақала');
  if (sciIdx < 0) throw new ArticleFormatError('the line "Ғылыми мақала" before the Kazakh title is missing');
  add('publication', 'kk', lines.slice(0, sciIdx + 1).join('\n'));

  let lang: Lang = 'kk';
  let current = 'title';
  let authorLines: string[] = [];
  for (let i = sciIdx + 1; i < lines.length; i++) {
    const line = lines[i];
    const first = line.split(/\s/)[0];
    if (line.startsWith('Copyright:')) {
      add('copyright', 'en', line);
      continue;
    }
    if (Object.hasOwn(KK_HEADINGS, line)) {
      current = KK_HEADINGS[line];
      continue;
    }
    if (Object.hasOwn(ABSTRACT_START, first)) {
      lang = ABSTRACT_START[first];
      current = 'abstract';
    }
    const kw = Object.keys(KEYWORDS_START).find((k) => line.startsWith(k));
    if (kw) {
      add('keywords', KEYWORDS_START[kw], line);
      current = 'after-keywords';
      continue;
    }
    if (current === 'title') {
      add('title', lang, line);
      current = 'authors';
      continue;
    }
    if (current === 'authors') {
      authorLines.push(line);
      if (line.startsWith('(E-mail:')) {
        add('authors', lang, authorLines.join('\n'));
        authorLines = [];
        current = 'title-after-authors';
      }
      continue;
    }
    if (current === 'title-after-authors') {
      add('title', lang, line);
      current = 'abstract';
      continue;
    }
    if (current === 'references') {
      const ref = /^(\d{1,2})\.\s/.exec(line);
      if (ref) {
        add(referenceId(Number(ref[1])), lang, line);
        continue;
      }
      // the Russian block starts right after the Kazakh references, with its author line
      lang = 'ru';
      current = 'authors';
      authorLines = [line];
      continue;
    }
    if (current === 'after-keywords') {
      if (lang === 'kk') throw new ArticleFormatError(`unexpected line after the Kazakh keywords: "${line.slice(0, 60)}"`);
      lang = 'en';
      current = 'authors';
      authorLines = [line];
      continue;
    }
    if (current === 'author-details') {
      add('author-details', scriptLang(line), line);
      continue;
    }
    if (current === 'results') {
      const n = FINDINGS.findIndex((f) => line.startsWith(f));
      add(n >= 0 ? findingId(n + 1) : 'results', 'kk', line);
      continue;
    }
    add(current, lang, line);
  }
  checkComplete(sections);
  return sections;
}

function checkComplete(sections: Section[]): void {
  const has = (id: string, lang: Lang) => sections.some((s) => s.id === id && s.lang === lang);
  for (const lang of LANGS) {
    for (const id of ['title', 'authors', 'abstract', 'keywords']) {
      if (!has(id, lang)) throw new ArticleFormatError(`the ${lang} ${id} is missing`);
    }
  }
  for (let n = 1; n <= FINDING_COUNT; n++)
    if (!has(findingId(n), 'kk')) throw new ArticleFormatError(`finding ${n} of the Results is missing`);
  for (let n = 1; n <= REFERENCE_COUNT; n++) if (!has(referenceId(n), 'kk')) throw new ArticleFormatError(`reference ${n} is missing`);
}
