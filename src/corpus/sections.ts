import type { Lang } from './types.js';

/** Section ids in reading order, with their titles in the three interface languages. */
const TITLES: Record<string, Record<Lang, string>> = {
  publication: { kk: 'Басылым туралы', ru: 'Сведения о публикации', en: 'Publication' },
  title: { kk: 'Тақырып', ru: 'Название', en: 'Title' },
  authors: { kk: 'Авторлар', ru: 'Авторы', en: 'Authors' },
  abstract: { kk: 'Аңдатпа', ru: 'Аннотация', en: 'Abstract' },
  keywords: { kk: 'Түйін сөздер', ru: 'Ключевые слова', en: 'Keywords' },
  introduction: { kk: 'Кіріспе', ru: 'Введение', en: 'Introduction' },
  methods: { kk: 'Зерттеу әдістері', ru: 'Методы исследования', en: 'Methods' },
  discussion: { kk: 'Талқылау', ru: 'Обсуждение', en: 'Discussion' },
  results: { kk: 'Нәтижелер', ru: 'Результаты', en: 'Results' },
  conclusion: { kk: 'Қорытынды', ru: 'Заключение', en: 'Conclusion' },
  'conflict-of-interest': { kk: 'Мүдделер қақтығысы', ru: 'Конфликт интересов', en: 'Conflict of interest' },
  'author-contributions': { kk: 'Авторлардың қосқан үлесі', ru: 'Вклад авторов', en: 'Author contributions' },
  references: { kk: 'Әдебиеттер', ru: 'Список литературы', en: 'References' },
  'author-details': { kk: 'Авторлар туралы мәлімет', ru: 'Сведения об авторах', en: 'Author details' },
  copyright: { kk: 'Лицензия', ru: 'Лицензия', en: 'Licence' },
};

const FINDING: Record<Lang, string> = { kk: 'тұжырым', ru: 'вывод', en: 'finding' };

/** The Results state five numbered findings (`results/finding-1` … `-5`); the parser checks that all are there. */
export const FINDING_COUNT = 5;
/** The reference list has 18 entries (`references/1` … `/18`); the parser checks that all are there. */
export const REFERENCE_COUNT = 18;

/** The section id of finding `n` (1-based): `results/finding-4`. */
export const findingId = (n: number): string => `results/finding-${n}`;
/** The section id of reference `n` (1-based): `references/18`. */
export const referenceId = (n: number): string => `references/${n}`;
/** The findings' section ids in order. */
export const FINDING_IDS: readonly string[] = Array.from({ length: FINDING_COUNT }, (_, i) => findingId(i + 1));

/** The number of a finding's section id (`results/finding-4` → 4), else undefined. */
export function findingNumber(id: string): number | undefined {
  const n = FINDING_IDS.indexOf(id);
  return n >= 0 ? n + 1 : undefined;
}

/** The reference numbers a text cites in brackets (`… the Law [18].` → [18]), each once, in order of appearance. */
export function citedNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))].filter((n) => n >= 1 && n <= REFERENCE_COUNT);
}

/** A reference entry without its leading number (`18. Law …` → `Law …`). */
export const withoutReferenceNumber = (entry: string): string => entry.replace(/^\d{1,2}\.\s*/, '');

/** Top-level section ids in the order they appear in the article. */
export const SECTION_ORDER: readonly string[] = Object.keys(TITLES);

/**
 * The title shown to readers for a section id, e.g.
 * `sectionTitle('results/finding-3', 'en')` → `Results · finding 3`,
 * `sectionTitle('references/18', 'ru')` → `Список литературы · 18`.
 * Throws on an unknown id: ids come from the parser, so an unknown one is a bug.
 */
export function sectionTitle(id: string, lang: Lang): string {
  const [top, sub] = id.split('/');
  const titles = Object.hasOwn(TITLES, top) ? TITLES[top] : undefined;
  if (!titles || !isSectionId(id)) throw new Error(`unknown section id "${id}"`);
  if (!sub) return titles[lang];
  const finding = findingNumber(id);
  if (finding) return `${titles[lang]} · ${FINDING[lang]} ${finding}`;
  return `${titles[lang]} · ${sub}`;
}

/** True for the ids the parser can produce (`results/finding-1`, `references/7`, ...). */
export function isSectionId(id: string): boolean {
  const [top, sub, extra] = id.split('/');
  if (!Object.hasOwn(TITLES, top) || extra !== undefined) return false;
  if (sub === undefined) return true;
  if (top === 'results') return findingNumber(id) !== undefined;
  if (top === 'references') return /^[1-9]\d?$/.test(sub) && Number(sub) <= REFERENCE_COUNT;
  return false;
}
