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
  const finding = /^finding-(\d)$/.exec(sub);
  if (finding) return `${titles[lang]} · ${FINDING[lang]} ${finding[1]}`;
  return `${titles[lang]} · ${sub}`;
}

/** True for the ids the parser can produce (`results/finding-1`, `references/7`, ...). */
export function isSectionId(id: string): boolean {
  const [top, sub, extra] = id.split('/');
  if (!Object.hasOwn(TITLES, top) || extra !== undefined) return false;
  if (sub === undefined) return true;
  if (top === 'results') return /^finding-[1-5]$/.test(sub);
  if (top === 'references') return /^([1-9]|1[0-8])$/.test(sub);
  return false;
}
