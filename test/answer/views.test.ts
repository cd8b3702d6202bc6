import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/chunking/chunk.js';
import {
  formatAboutHtml,
  formatFindingsHtml,
  formatHelpHtml,
  formatOriginalHtml,
  formatSectionHtml,
  formatStartHtml,
  formatVariantsHtml,
} from '../../src/answer/views.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { DOI_URL, FINDING_3_EN, FINDING_3_KK } from './fixtures.js';

const chunk = (c: Partial<Chunk> & Pick<Chunk, 'text'>): Chunk => ({
  id: 'en:results/finding-3:1',
  sectionId: 'results/finding-3',
  lang: 'en',
  position: 1,
  sourceText: FINDING_3_KK,
  official: false,
  ...c,
});

describe('formatStartHtml', () => {
  it('names the article and says how to ask, in the user language', () => {
    expect(formatStartHtml('en').split('\n')).toEqual([
      'I answer questions about one scientific article:',
      '<b>Legal problems of using artificial intelligence</b> — Zh.S. Berdiyarova, Sh.A. Saimova, D.S. Abdullaeva (2026)',
      '',
      'Ask in Kazakh, Russian or English — I reply with the passages of the article that answer it, with section references and citations.',
      '',
      'For example, tap one of these questions:',
    ]);
    expect(formatStartHtml('kk')).toContain('<b>Жасанды интеллектті пайдаланудың құқықтық мәселелері</b> — Ж.С. Бердиярова');
  });
});

describe('formatHelpHtml', () => {
  it('lists the commands and the bot username for inline mode', () => {
    const html = formatHelpHtml('ru', 'article_qa_bot');
    expect(html).toContain('В любом чате наберите @article_qa_bot и вопрос');
    expect(html.endsWith('/findings — Пять выводов статьи\n/lang — Выбрать язык интерфейса')).toBe(true);
    expect(telegramHtmlProblems(html)).toEqual([]);
  });
});

describe('formatAboutHtml', () => {
  it('returns the title in three languages, authors, DOI, licence and link', () => {
    expect(formatAboutHtml('en')).toBe(
      [
        '<b>About the article</b>',
        '',
        '<i>Қазақша:</i> <b>Жасанды интеллектті пайдаланудың құқықтық мәселелері</b>',
        '<i>Русский:</i> <b>Правовые вопросы использования искусственного интеллекта</b>',
        '<i>English:</i> <b>Legal problems of using artificial intelligence</b>',
        '',
        'Authors: Zh.S. Berdiyarova, Sh.A. Saimova, D.S. Abdullaeva (2026)',
        `DOI: <a href="${DOI_URL}">10.32523/2616-6844-2026-154-1-41-50</a>`,
        'Licence: <a href="https://creativecommons.org/licenses/by-nc/4.0/">CC BY-NC 4.0</a>',
        `Link: <a href="${DOI_URL}">${DOI_URL}</a>`,
      ].join('\n'),
    );
  });
});

describe('formatSectionHtml', () => {
  it('returns the heading with the marker, the paragraphs and the source, split under the limit', () => {
    const chunks = Array.from({ length: 8 }, (_, i) => chunk({ position: i + 1, text: `${i + 1}. ${FINDING_3_EN} ${FINDING_3_EN}` }));
    const parts = formatSectionHtml('Discussion', chunks, 'en');
    expect(parts[0].startsWith('<b>§ Discussion</b> · <i>translated from Kazakh</i>\n\n1. Third,')).toBe(true);
    expect(parts.length).toBe(2);
    for (const part of parts) expect(telegramHtmlProblems(part, 4000)).toEqual([]);
  });

  it('says so when the section has no text', () => {
    expect(formatSectionHtml('Қорытынды', [], 'kk')[0].split('\n\n').slice(0, 2)).toEqual([
      '<b>§ Қорытынды</b>',
      '<i>Бұл бөлімнің мәтіні жоқ.</i>',
    ]);
  });
});

describe('formatFindingsHtml', () => {
  it('returns the numbered findings with their references', () => {
    const html = formatFindingsHtml([{ title: 'Results · finding 3', chunks: [chunk({ text: FINDING_3_EN })] }], 'en')[0];
    expect(
      html.startsWith(
        `<b>The five findings of the article</b>\n\n<b>§ Results · finding 3</b> · <i>translated from Kazakh</i>\n${FINDING_3_EN}`,
      ),
    ).toBe(true);
  });
});

describe('formatOriginalHtml and formatVariantsHtml', () => {
  it('returns the Kazakh source of a translated passage', () => {
    expect(
      formatOriginalHtml('Results · finding 3', chunk({ text: FINDING_3_EN }), 'en')[0]
        .split('\n')
        .slice(0, 2),
    ).toEqual(['<b>§ Results · finding 3</b> · <i>Original text (Kazakh)</i>', `<blockquote>${FINDING_3_KK}</blockquote>`]);
  });

  it('returns each other language with its own section title', () => {
    const html = formatVariantsHtml(
      [
        { title: 'Нәтижелер · тұжырым 3', chunk: chunk({ lang: 'kk', text: FINDING_3_KK, official: true }) },
        { title: 'Results · finding 3', chunk: chunk({ text: FINDING_3_EN }) },
      ],
      'ru',
    )[0];
    expect(html.split('\n').filter((l) => l.startsWith('<b>'))).toEqual([
      '<b>§ Нәтижелер · тұжырым 3</b> · <i>казахский</i>',
      '<b>§ Results · finding 3</b> · <i>английский, перевод с казахского</i>',
    ]);
  });
});
