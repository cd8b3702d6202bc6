import type { Lang } from '../corpus/types.js';

/**
 * Bibliographic facts of the one article the bot answers about, as published
 * (titles and author names in the article's three languages).
 */
export const ARTICLE = {
  doi: '10.32523/2616-6844-2026-154-1-41-50',
  url: 'https://doi.org/10.32523/2616-6844-2026-154-1-41-50',
  year: 2026,
  licence: 'CC BY-NC 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by-nc/4.0/',
  title: {
    kk: 'Жасанды интеллектті пайдаланудың құқықтық мәселелері',
    ru: 'Правовые вопросы использования искусственного интеллекта',
    en: 'Legal problems of using artificial intelligence',
  } satisfies Record<Lang, string>,
  authors: {
    kk: ['Ж.С. Бердиярова', 'Ш.А. Саймова', 'Д.С. Абдуллаева'],
    ru: ['Ж.С. Бердиярова', 'Ш.А. Саймова', 'Д.С. Абдуллаева'],
    en: ['Zh.S. Berdiyarova', 'Sh.A. Saimova', 'D.S. Abdullaeva'],
  } satisfies Record<Lang, string[]>,
  /** Short author list for source lines: "Berdiyarova, Saimova, Abdullaeva". */
  shortAuthors: {
    kk: 'Бердиярова, Саймова, Абдуллаева',
    ru: 'Бердиярова, Саймова, Абдуллаева',
    en: 'Berdiyarova, Saimova, Abdullaeva',
  } satisfies Record<Lang, string>,
} as const;
