import { describe, expect, it } from 'vitest';
import { createTopics, isAboutSection, isMetaSection } from '../../src/retrieval/topics.js';
import type { Term } from '../../src/text/analyze.js';
import { createGlossary } from '../../src/text/glossary.js';

const glossary = createGlossary([
  { id: 'authors', kk: ['авторлар'], ru: ['авторы'], en: ['authors'], sections: ['authors', 'author-details'] },
  { id: 'saimova', kk: ['Саймова'], ru: ['Саймова'], en: ['Saimova'], implies: ['authors'] },
  { id: 'doi', kk: ['DOI'], ru: ['DOI'], en: ['DOI'], sections: ['publication'] },
  { id: 'methods', kk: ['әдіс'], ru: ['метод'], en: ['method'], sections: ['methods'] },
  { id: 'tashkent', kk: ['Ташкент'], ru: ['Ташкент'], en: ['Tashkent'] },
  { id: 'workplace', kk: ['жұмыс істейді'], ru: ['работает'], en: ['work'] },
  { id: 'academic-position', kk: ['лауазым'], ru: ['должность'], en: ['job'], sections: ['author-details'] },
]);
const topics = createTopics(glossary, { aboutOnly: (t) => t.concepts.includes('tashkent') || t.stem === 'astana' });
const term = (stem: string, ...concepts: string[]): Term => ({ stem, concepts });

describe('isMetaSection / isAboutSection', () => {
  it('returns true for the sections about the article / about its authors and publication, subsections included', () => {
    expect(['references/3', 'keywords', 'authors', 'results/finding-1'].map(isMetaSection)).toEqual([true, true, true, false]);
    expect(['references/3', 'keywords', 'author-details', 'copyright'].map(isAboutSection)).toEqual([false, false, true, true]);
  });
});

describe('createTopics', () => {
  it('returns author topics for names and the author workplace words, meta topics also for "authors" and publication concepts', () => {
    expect(
      [term('saimova', 'saimova', 'authors'), term('workplac', 'workplace'), term('author', 'authors'), term('method', 'methods')].map(
        topics.authorTopic,
      ),
    ).toEqual([true, true, false, false]);
    expect([term('author', 'authors'), term('doi', 'doi'), term('method', 'methods')].map(topics.metaTopic)).toEqual([true, true, false]);
  });

  it(
    'returns a word found only in the author details as an author topic but not as a meta topic; a concept steering to them as ' + 'both',
    () => {
      const astana = term('astana');
      const tashkent = term('tashkent', 'tashkent');
      const job = term('job', 'academic-position');
      expect([astana, tashkent, job].map(topics.authorTopic)).toEqual([true, true, true]);
      expect([astana, tashkent, job].map(topics.metaTopic)).toEqual([false, false, true]);
      expect(topics.articleVoice([tashkent, term('author', 'authors')]).voice).toEqual([]);
    },
  );

  it('returns an everyday author word ("work") as an everyday topic, a name or a concept of the author sections not', () => {
    expect(
      [term('work', 'workplace'), term('saimova', 'saimova', 'authors'), term('job', 'academic-position')].map(topics.everydayTopic),
    ).toEqual([true, false, false]);
  });

  it('returns the authors a question names', () => {
    expect([
      ...topics.namedAuthors([term('saimova', 'saimova', 'authors'), term('author', 'authors'), term('job', 'academic-position')]),
    ]).toEqual(['saimova']);
    expect(topics.namedAuthors([term('author', 'authors')]).size).toBe(0);
  });

  it('takes "the authors" out of a question about the content and keeps it in a question about the authors', () => {
    const authors = term('author', 'authors');
    const methods = term('method', 'methods');
    expect(topics.articleVoice([methods, authors])).toEqual({ terms: [methods], voice: [authors] });
    expect(topics.articleVoice([authors])).toEqual({ terms: [authors], voice: [] });
    const workplace = term('work', 'workplace');
    expect(topics.articleVoice([workplace, authors])).toEqual({ terms: [workplace, authors], voice: [] });
    const name = term('saimova', 'saimova', 'authors');
    expect(topics.articleVoice([methods, name])).toEqual({ terms: [methods, name], voice: [] });
  });
});
