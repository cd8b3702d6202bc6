import { describe, expect, it } from 'vitest';
import { formatAnswerHtml, formatAnswerText, formatNoAnswerHtml, formatNoAnswerText, formatPassageHtml } from '../../src/answer/format.js';
import { escapeHtml } from '../../src/answer/rich.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { answer, DISCUSSION_4_RU, DOI_URL, FINDING_3_EN, FINDING_3_KK, passage, REFERENCE_18 } from './fixtures.js';

const SOURCE_EN =
  `<i>Source: Berdiyarova, Saimova, Abdullaeva (2026) “Legal problems of using artificial intelligence”</i> · <a ` +
  `href="${DOI_URL}">DOI 10.32523/2616-6844-2026-154-1-41-50</a> · CC BY-NC 4.0`;
const SENTENCE_2 =
  "In the European Union's legal act, the AI Act, the legal requirements for the use of artificial intelligence systems are established " +
  'by classifying them according to their level of risk.';

describe('formatAnswerHtml', () => {
  it('returns a long passage as its answering sentence, the rest of the paragraph folded, then the source line', () => {
    const parts = formatAnswerHtml(answer([passage({ text: FINDING_3_EN })]), 'en');
    const first = FINDING_3_EN.slice(0, FINDING_3_EN.indexOf(SENTENCE_2)).trim();
    expect(parts).toEqual([
      '<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>\n' +
        `<blockquote>… ${SENTENCE_2}</blockquote>\n<blockquote expandable>${first} […]</blockquote>\n\n${SOURCE_EN}`,
    ]);
    expect(telegramHtmlProblems(parts[0])).toEqual([]);
  });

  it('returns the first sentence visible when no sentence shares a word with the question, and a short passage whole', () => {
    const [first, second] = [FINDING_3_EN.slice(0, FINDING_3_EN.indexOf(SENTENCE_2)).trim(), SENTENCE_2];
    const folded = formatAnswerHtml(answer([passage({ text: FINDING_3_EN })], { query: 'xyz' }), 'en')[0].split('\n');
    // the first sentence reads on into the folded rest as written: no marks
    expect(folded.slice(1, 3)).toEqual([`<blockquote>${first}</blockquote>`, `<blockquote expandable>${second}</blockquote>`]);
    const short = formatAnswerHtml(answer([passage({ text: SENTENCE_2 })]), 'en')[0].split('\n');
    expect(short[1]).toBe(`<blockquote>${SENTENCE_2}</blockquote>`);
  });

  it('says above the passages that the article never uses the word asked about, in the reader language', () => {
    const found = answer([passage({ text: SENTENCE_2 })], { unnamed: 'deepfakes' });
    expect(formatAnswerHtml(found, 'en')[0].split('\n')[0]).toBe(
      '<i>The article does not use the word “deepfakes”. The passages closest in meaning:</i>',
    );
    expect(formatAnswerText({ ...found, unnamed: 'дипфейки' }, 'ru').split('\n')[0]).toBe(
      'Слово «дипфейки» в статье не встречается. Ближайшие по смыслу фрагменты:',
    );
    expect(formatAnswerHtml(answer([passage({ text: SENTENCE_2 })]), 'en')[0]).not.toContain('does not use the word');
  });

  it('returns only the passages the answer shows; the rest waits behind "More"', () => {
    const passages = [1, 2, 3].map((rank) => passage({ rank, text: `Passage ${rank}.` }));
    const html = formatAnswerHtml(answer(passages, { shown: 2 }), 'en')[0];
    expect([...html.matchAll(/<blockquote>(.*?)<\/blockquote>/g)].map((m) => m[1])).toEqual(['Passage 1.', 'Passage 2.']);
    expect(formatAnswerText(answer(passages, { shown: 1 }), 'en')).not.toContain('Passage 2.');
  });

  it('omits the translation marker for official passages and writes it in the reader language', () => {
    const official = formatAnswerHtml(
      answer([passage({ text: FINDING_3_KK, official: true, section: { id: 'results/finding-3', title: 'Нәтижелер · тұжырым 3' } })], {
        lang: 'kk',
      }),
      'kk',
    )[0];
    expect(official.split('\n')[0]).toBe('<b>1. § Нәтижелер · тұжырым 3</b>');
    const ru = formatAnswerHtml(
      answer([passage({ text: DISCUSSION_4_RU, section: { id: 'discussion', title: 'Обсуждение' } })], { lang: 'ru' }),
      'ru',
    )[0];
    expect(ru.split('\n')[0]).toBe('<b>1. § Обсуждение</b> · <i>перевод с казахского</i>');
  });

  it('escapes <, > and & in passages, citations and section titles', () => {
    const p = passage({
      text: 'Risk <b>levels</b> & the AI Act.',
      section: { id: 'x', title: 'A < B & C' },
      citations: [{ n: 18, text: REFERENCE_18 }],
    });
    const html = formatAnswerHtml(answer([p]), 'en')[0];
    expect(html).toContain('<b>1. § A &lt; B &amp; C</b>');
    expect(html).toContain('<blockquote>Risk &lt;b&gt;levels&lt;/b&gt; &amp; the AI Act.</blockquote>');
    expect(html).toContain('Қолжетімді: &lt;https://adilet.zan.kz/&gt; (Қол');
    expect(telegramHtmlProblems(html)).toEqual([]);
  });

  it('lists the cited references once per reply, at the end, in number order, without the entry number', () => {
    const p = passage({
      text: DISCUSSION_4_RU,
      citations: [
        { n: 18, text: REFERENCE_18 },
        { n: 3, text: '3. Entry three.' },
        { n: 18, text: REFERENCE_18 },
      ],
    });
    const q = passage({ rank: 2, text: 'Ещё о законе [18].', citations: [{ n: 18, text: REFERENCE_18 }] });
    const html = formatAnswerHtml(answer([p, q], { query: 'закон об искусственном интеллекте', lang: 'ru' }), 'ru')[0];
    const blocks = html.split('\n\n');
    expect(blocks.slice(2)).toEqual([
      '<i>Литература</i>\n[3] Entry three.\n' +
        '[18] Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ. Қолжетімді: ' +
        '&lt;https://adilet.zan.kz/&gt; (Қол жеткізілген күні: 20 қаңтар 2026 ж.).',
      blocks[3],
    ]);
    expect(blocks[3]).toContain('<i>Источник:');
    expect(html.match(/\[18\] /g)).toHaveLength(1);
  });

  it("marks the cited references the project rendered in the reader's language", () => {
    const p = passage({
      text: 'The Law [18].',
      citations: [
        { n: 18, text: 'Republic of Kazakhstan (2025) Law "On Artificial Intelligence"', official: false, id: 'en:references/18:1:tr' },
      ],
    });
    expect(formatAnswerText(answer([p]), 'en').split('\n\n')[1]).toBe(
      'References · translated from Kazakh\n[18] Republic of Kazakhstan (2025) Law "On Artificial Intelligence"',
    );
  });

  it('mentions the sections that repeat the passage', () => {
    const p = passage({
      text: 'The acts [1].',
      alsoIn: [
        { id: 'introduction', title: 'Introduction' },
        { id: 'conclusion', title: 'Conclusion' },
      ],
    });
    expect(formatAnswerHtml(answer([p]), 'en')[0].split('\n')[2]).toBe('<i>Also in: § Introduction; § Conclusion</i>');
  });

  it('splits a long answer into parts under 4096 at passage boundaries, each valid HTML', () => {
    const long = `${FINDING_3_EN} ${FINDING_3_EN} ${FINDING_3_EN}`; // ~1000 characters
    const passages = Array.from({ length: 12 }, (_, i) => passage({ rank: i + 1, text: long, citations: [{ n: 18, text: REFERENCE_18 }] }));
    const a = answer(passages, { total: 12 });
    const parts = formatAnswerHtml(a, 'en');
    expect(parts.map((part) => [...part.matchAll(/^<b>(\d+)\. /gm)].map((m) => Number(m[1])))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
    ]);
    expect(parts[3].endsWith(`<i>References</i>\n[18] ${escapeHtml(REFERENCE_18.slice(4))}\n\n${SOURCE_EN}`)).toBe(true);
    expect(parts.join('\n\n')).toBe(formatAnswerHtml(a, 'en', Infinity)[0]);
    for (const part of parts) {
      expect(part.length).toBeLessThan(4096);
      expect(telegramHtmlProblems(part)).toEqual([]);
    }
  });

  it('cuts a single passage longer than a part at sentences, keeping every part valid', () => {
    const p = passage({ text: Array.from({ length: 30 }, (_, i) => `Sentence ${i} & <more>.`).join(' ') });
    const parts = formatAnswerHtml(answer([p], { query: '' }), 'en', 300);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(300);
      expect(telegramHtmlProblems(part)).toEqual([]);
    }
    expect(parts.join(' ')).toContain('Sentence 29 &amp; &lt;more&gt;.');
  });

  it('returns the no-answer text when the answer is not answered', () => {
    expect(formatAnswerHtml(answer([], { answered: false, query: 'borscht?' }), 'en')).toEqual([formatNoAnswerHtml('borscht?', 'en')]);
  });
});

describe('formatAnswerText', () => {
  it('returns the same content as plain text without tags or entities', () => {
    const p = passage({
      text: FINDING_3_EN,
      citations: [{ n: 18, text: REFERENCE_18 }],
      alsoIn: [{ id: 'discussion', title: 'Discussion' }],
    });
    expect(formatAnswerText(answer([p]), 'en')).toBe(
      [
        '1. § Results · finding 3 · translated from Kazakh',
        `… ${SENTENCE_2}`,
        `${FINDING_3_EN.slice(0, FINDING_3_EN.indexOf(SENTENCE_2)).trim()} […]`,
        'Also in: § Discussion',
        '',
        'References',
        REFERENCE_18.replace('18. ', '[18] '),
        '',
        `Source: Berdiyarova, Saimova, Abdullaeva (2026) “Legal problems of using artificial intelligence” · ${DOI_URL} · CC BY-NC 4.0`,
      ].join('\n'),
    );
  });
  it('returns every passage with `all` and the Kazakh source under a translated one with `original`', () => {
    const passages = [1, 2].map((rank) => passage({ rank, text: `Passage ${rank}.`, sourceText: `Үзінді ${rank}.` }));
    const text = formatAnswerText(answer(passages, { shown: 1 }), 'en', { all: true, original: true });
    expect(text.split('\n\n').slice(0, 2)).toEqual([
      '1. § Results · finding 3 · translated from Kazakh\nPassage 1.\nOriginal text (Kazakh): Үзінді 1.',
      '2. § Results · finding 3 · translated from Kazakh\nPassage 2.\nOriginal text (Kazakh): Үзінді 2.',
    ]);
    const official = passage({ text: 'Мәтін.', official: true });
    expect(formatAnswerText(answer([official]), 'en', { original: true })).not.toContain('Original text');
  });
});

describe('formatNoAnswerHtml', () => {
  it('returns the message in each language, pointing to /sections and /findings', () => {
    expect(formatNoAnswerHtml('Who won the 2022 World Cup?', 'en')).toBe(
      'The article does not address this question: “Who won the 2022 World Cup?”\n\nSee the table of contents with /sections or the five ' +
        'main findings with /findings.',
    );
    expect(formatNoAnswerHtml('Кто выиграл чемпионат мира?', 'ru')).toBe(
      'В статье об этом не говорится: «Кто выиграл чемпионат мира?»\n\nПосмотрите оглавление — /sections, или пять основных выводов — ' +
        '/findings.',
    );
    expect(formatNoAnswerHtml('Әлем чемпионатын кім жеңді?', 'kk')).toBe(
      'Мақалада бұл сұрақ туралы айтылмайды: «Әлем чемпионатын кім жеңді?»\n\nМазмұнын /sections, ал негізгі бес тұжырымын /findings ' +
        'арқылы қараңыз.',
    );
  });

  it('escapes the echoed question and shortens a long one to 200 characters', () => {
    expect(formatNoAnswerHtml('<script>a&b</script>', 'en')).toContain('“&lt;script&gt;a&amp;b&lt;/script&gt;”');
    const echoed = /“(.*)”/.exec(formatNoAnswerText('x'.repeat(500), 'en'))![1];
    expect(echoed).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('formatPassageHtml', () => {
  it('returns one passage without rank, with its reference and the source line', () => {
    const html = formatPassageHtml(passage({ rank: 4, text: FINDING_3_EN }), 'en', 'risk level');
    expect(html.startsWith('<b>§ Results · finding 3</b> · <i>translated from Kazakh</i>\n<blockquote>')).toBe(true);
    expect(html.endsWith(`\n\n${SOURCE_EN}`)).toBe(true);
    expect(telegramHtmlProblems(html)).toEqual([]);
  });
});
