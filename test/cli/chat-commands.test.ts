import { describe, expect, it } from 'vitest';
import { t } from '../../src/answer/i18n.js';
import { COMMANDS } from '../../src/answer/views.js';
import { chatCommand, chatHelp } from '../../src/cli/chat-commands.js';
import { createFakeService } from '../bot/fake-service.js';

const service = createFakeService();
const run = (line: string, ui: 'kk' | 'ru' | 'en' = 'en') => chatCommand(service, line, ui);
const SOURCE_EN =
  'Source: Berdiyarova, Saimova, Abdullaeva (2026) “Legal problems of using artificial intelligence” · ' +
  'https://doi.org/10.32523/2616-6844-2026-154-1-41-50 · CC BY-NC 4.0';
const SOURCE_RU =
  'Источник: Бердиярова, Саймова, Абдуллаева (2026) «Правовые вопросы использования искусственного интеллекта» · ' +
  'https://doi.org/10.32523/2616-6844-2026-154-1-41-50 · CC BY-NC 4.0';

describe('chatCommand', () => {
  it('answers every command the bot offers (and the README lists), and only those', () => {
    for (const c of COMMANDS) expect(run(`/${c}`).text).not.toBe(t('en').unknownCommand);
    expect(run('/quitt')).toEqual({ text: 'There is no such command. Help: /help' });
    expect(run('/about', 'ru').text).not.toBe(t('ru').unknownCommand);
  });

  it('shows /findings with each translated finding marked and the source line last, in the interface language', () => {
    const en = run('/findings').text.split('\n');
    expect(en.filter((l) => l.startsWith('§ '))).toEqual([1, 2, 3, 4, 5].map((n) => `§ Results · finding ${n} · translated from Kazakh`));
    expect([en[0], en[en.length - 1]]).toEqual(['The five findings of the article', SOURCE_EN]);
    const ru = run('/findings', 'ru').text.split('\n');
    expect(ru.filter((l) => l.startsWith('§ '))).toEqual([1, 2, 3, 4, 5].map((n) => `§ Результаты · вывод ${n} · перевод с казахского`));
    expect([ru[0], ru[ru.length - 1]]).toEqual(['Пять выводов статьи', SOURCE_RU]);
    // the official Kazakh text carries no mark
    expect(
      run('/findings', 'kk')
        .text.split('\n')
        .filter((l) => l.startsWith('§ '))[0],
    ).toBe('§ Нәтижелер · тұжырым 1');
  });

  it('makes /findings the topic and offers its five findings as 1–5, in the interface language', () => {
    expect(run('/findings')).toMatchObject({
      topic: 'What are the main findings of the article?',
      offer: [
        'What is the first finding?',
        'What is the second finding?',
        'What is the third finding?',
        'What is the fourth finding?',
        'What is the fifth finding?',
      ],
    });
    expect(run('/findings', 'kk').offer?.[2]).toBe('Үшінші тұжырым қандай?');
    expect(run('/about').offer).toBeUndefined();
  });

  it('shows /about with the DOI and the licence', () => {
    expect(run('/about').text.split('\n').slice(-4)).toEqual([
      'Authors: Zh.S. Berdiyarova, Sh.A. Saimova, D.S. Abdullaeva (2026)',
      'DOI: 10.32523/2616-6844-2026-154-1-41-50',
      'Licence: CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/)',
      'Link: https://doi.org/10.32523/2616-6844-2026-154-1-41-50',
    ]);
  });

  it('numbers the table of contents, and shows section n with its mark and source line', () => {
    expect(run('/sections').text.split('\n').slice(0, 3)).toEqual([
      'Table of contents (/sections 1–10)',
      ' 1. § Abstract',
      ' 2. § Methods',
    ]);
    const section = run('/sections 4').text.split('\n');
    expect([section[0], section[section.length - 1]]).toEqual(['§ Results · finding 1 · translated from Kazakh', SOURCE_EN]);
    expect(run('/sections 11').text.split('\n')[0]).toBe('Table of contents (/sections 1–10)');
  });

  it('starts over with /start, offering its examples by number; sets the language with /lang', () => {
    const start = run('/start');
    expect(start).toMatchObject({ reset: true, offer: t('en').examples });
    expect(start.text.split('\n').slice(-3)).toEqual(t('en').examples.map((q, i) => `${i + 1}. ${q}`));
    expect(run('/lang ru')).toEqual({ text: 'Язык интерфейса: русский.', lang: 'ru' });
    expect(run('/lang xx')).toEqual({ text: 'Choose the interface language: kk, ru, en (/lang kk)' });
    expect(run('/help', 'kk').text).toBe(chatHelp('kk'));
  });
});
