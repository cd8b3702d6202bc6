import { describe, expect, it } from 'vitest';
import { fill, t } from '../../src/answer/i18n.js';

const placeholders = (v: unknown): string =>
  JSON.stringify(v)
    .match(/\{\w+\}/g)
    ?.sort()
    .join(',') ?? '';
const shape = (v: unknown): unknown =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;

describe('t', () => {
  it('returns the same keys, non-empty strings and placeholders in kk, ru and en', () => {
    expect(shape(t('kk'))).toEqual(shape(t('en')));
    expect(shape(t('ru'))).toEqual(shape(t('en')));
    for (const lang of ['kk', 'ru', 'en'] as const) {
      expect(JSON.stringify(t(lang))).not.toMatch(/""/);
      for (const [key, value] of Object.entries(t(lang)))
        expect(placeholders(value), `${lang}.${key}`).toBe(placeholders(t('en')[key as 'more']));
    }
  });
});

describe('fill', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(fill('wait {s} s, {x}', { s: 12 })).toBe('wait 12 s, {x}');
  });
});
