import { describe, expect, it } from 'vitest';
import { classify } from '../../src/dialogue/classify.js';
import { frame, rewrite } from '../../src/dialogue/rewrite.js';

const followup = (text: string) => {
  const c = classify(text, { previous: true, knows: () => true });
  if (c.act !== 'followup') throw new Error(`${text} is ${c.act}`);
  return c;
};
const standalone = (base: string, text: string) => rewrite(base, followup(text));

describe('frame', () => {
  it('cuts a question into its frame and topic, in each language', () => {
    expect(frame('What does the article say about personal data?')).toEqual({
      prefix: 'What does the article say about ',
      topic: 'personal data',
      suffix: '?',
      lang: 'en',
    });
    expect(frame('Что говорится о США?')).toMatchObject({ prefix: 'Что говорится о ', topic: 'США', suffix: '?' });
    expect(frame('Дербес деректерді қорғау туралы не айтылған?')).toMatchObject({
      prefix: '',
      topic: 'Дербес деректерді қорғау',
      suffix: ' туралы не айтылған?',
    });
    expect(frame('what is this?')).toMatchObject({ prefix: '', topic: 'what is this?', suffix: '' });
  });
});

describe('rewrite', () => {
  it('replaces the ordinal of the base question, keeping a Russian ordinal as the reader wrote it', () => {
    expect(standalone('What is the first finding?', 'and the second?')).toEqual({
      standalone: 'What is the second finding?',
      isBase: true,
    });
    expect(standalone('Бірінші тұжырым қандай?', 'ал бесіншісі ше?')).toEqual({ standalone: 'Бесінші тұжырым қандай?', isBase: true });
    expect(standalone('Какая первая рекомендация?', 'а вторая?').standalone).toBe('Какая вторая рекомендация?');
    expect(standalone('What are the main findings?', 'and the fifth?').standalone).toBe('findings — the fifth one?');
    expect(standalone('Which law regulates AI?', 'and the fifth?').standalone).toBe('law regulates AI — the fifth one?');
    expect(standalone('Какой закон регулирует ИИ?', 'а пятая?').standalone).toBe('закон регулирует ИИ — пятая?');
    expect(standalone('Қандай заң ЖИ-ді реттейді?', 'ал бесиншиси ше?').standalone).toBe('заң ЖИ-ді реттейді — бесіншісі?');
  });

  it("puts a new subject into the base question's frame, or into the reader's language's frame", () => {
    expect(standalone('Что говорится о США?', 'а о Евросоюзе?').standalone).toBe('Что говорится о Евросоюзе?');
    expect(standalone('Дербес деректерді қорғау туралы не айтылған?', 'ал Ресей ше?').standalone).toBe('Ресей туралы не айтылған?');
    expect(standalone('Что говорится о США?', 'what about China?').standalone).toBe('What does the article say about China?');
    // a subject brought in by a preposition ("а в США?") is not the subject of a definition
    expect(standalone('What is the risk-based approach?', 'and criminal liability?').standalone).toBe('What is criminal liability?');
    expect(standalone('Что такое риск-ориентированный подход?', 'а в США?').standalone).toBe('Что в статье говорится о США?');
    expect(standalone('Какой первый вывод?', 'а о Евросоюзе?').standalone).toBe('Что в статье говорится о Евросоюзе?');
  });

  it('keeps the base frame only where any subject fits, and words the rest so that no case is wrong', () => {
    const rewritten = (pairs: Array<[string, string]>) => pairs.map(([base, f]) => standalone(base, f).standalone);
    expect(
      rewritten([
        ['Какие риски создаёт ИИ?', 'а что про ЕС?'],
        ['Какие проблемы авторского права?', 'а интелектуальная собственость?'],
        ['Что говорится о персональных данных?', 'а интелектуальная собственость?'],
        ['Что говорится о США?', 'а про интеллектуальную собственность?'],
        ['Что говорится о США?', 'а ЕС?'],
        ['Что такое риск-ориентированный подход?', 'а ЕС?'],
        ['What do they propose about liability?', 'and what about national security?'],
        ['What risks does AI create?', 'and in China?'],
      ]),
    ).toEqual([
      'Что в статье говорится про ЕС?',
      'Что в статье говорится про: интелектуальная собственость?',
      'Что говорится про: интелектуальная собственость?',
      'Что говорится про интеллектуальную собственность?',
      'Что говорится о ЕС?',
      'Что такое ЕС?',
      'What does the article say about national security?',
      'What does the article say about China?',
    ]);
  });

  it('keeps a name capitalised from Kazakh Latin, and brings in Kazakh letters only where the question has them', () => {
    expect(standalone('Qazaqstanda JI-di qandai zan rettaidi?', 'al Resei she?').standalone).toBe('Мақалада Ресей туралы не айтылған?');
    expect(standalone('биринши тужырым кандай?', 'ал бесиншиси ше?').standalone).toBe('бесинши тужырым кандай?');
    expect(standalone('кандай зан ЖИ-ди реттейди?', 'ал бесиншиси ше?').standalone).toBe('зан ЖИ-ди реттейди — бесиншиси?');
    expect(standalone('Бірінші тұжырым қандай?', 'ал бесиншиси ше?').standalone).toBe('Бесінші тұжырым қандай?');
  });

  it("asks for an aspect of the base question's topic, without making it the base", () => {
    expect(standalone('What does the article say about offences committed with AI?', 'what kinds exactly?')).toEqual({
      standalone: 'offences committed with AI — what kinds exactly?',
      isBase: false,
    });
    expect(standalone('Какой первый вывод?', 'почему?').standalone).toBe('первый вывод — почему?');
    // a wordy request is named by its aspect, in the reader's language
    expect(
      ['could you give me an example please', 'приведи пример', 'мысал келтірші'].map(
        (f) => standalone('What does the article say about criminal liability?', f).standalone,
      ),
    ).toEqual(['criminal liability — examples', 'criminal liability — примеры', 'criminal liability — мысалдар']);
  });
});
