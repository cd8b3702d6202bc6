import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Lang } from '../../src/corpus/types.js';
import { analyze } from '../../src/text/analyze.js';
import { stem, words } from '../../src/text/fold.js';
import { createGlossary, GlossaryError, parseGlossary, SENSE_STEM_LEN } from '../../src/text/glossary.js';

const { glossary } = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const stems = (text: string, lang: Lang) => words(text).map((w) => stem(w, lang));
const concepts = (text: string) => [...new Set(analyze(text, glossary).terms.flatMap((t) => t.concepts))].sort();

const AI = { id: 'ai', kk: ['жасанды интеллект'], ru: ['искусственный интеллект'], en: ['artificial intelligence'] };

describe('createGlossary', () => {
  it('returns the broader concepts a concept implies at the same place, once each', () => {
    const g = createGlossary([
      { id: 'saimova', kk: ['Саймова'], ru: ['Саймова'], en: ['Saimova'], implies: ['authors'] },
      { id: 'authors', kk: ['авторлар'], ru: ['авторы'], en: ['authors'] },
    ]);
    expect(g.match(stems('Saimova and the authors', 'en'))).toEqual([
      { id: 'saimova', start: 0, length: 1 },
      { id: 'authors', start: 0, length: 1 },
      { id: 'authors', start: 3, length: 1 },
    ]);
  });

  it('returns a multiword concept where all its stems follow one another', () => {
    const g = createGlossary([AI]);
    expect(g.match(stems('the artificial intelligence law', 'en'))).toEqual([{ id: 'ai', start: 1, length: 2 }]);
    expect(g.match(stems('intelligence, artificial', 'en'))).toEqual([]);
    expect(g.match(stems('artificial general intelligence', 'en'))).toEqual([]);
  });

  it("returns a wording shortened by another concept's one-word wording: 'Концепция развития ИИ' for the Concept", () => {
    const g = createGlossary([
      { id: 'ai', kk: ['жасанды интеллект', 'ЖИ'], ru: ['искусственный интеллект', 'ИИ'], en: ['artificial intelligence', 'AI'] },
      { id: 'concept', kk: ['ЖИ тұжырымдамасы'], ru: ['Концепция развития искусственного интеллекта'], en: ['AI development concept'] },
    ]);
    const found = (text: string, lang: Lang) => g.match(stems(text, lang)).filter((m) => m.id === 'concept');
    expect(found('концепция развития ИИ на 2024 год', 'ru')).toEqual([{ id: 'concept', start: 0, length: 3 }]);
    expect(found('Концепция развития искусственного интеллекта', 'ru')).toEqual([{ id: 'concept', start: 0, length: 4 }]);
    // a one-word wording in the concept itself is not lengthened, nor a wording shortened into another language
    expect([found('artificial intelligence development concept', 'en'), found('концепция развития AI', 'ru')]).toEqual([[], []]);
  });

  it('tells the stems of narrower wordings (the article never names them) in every inflection', () => {
    const g = createGlossary([
      {
        id: 'fraud',
        kk: ['алаяқтық', 'дипфейк'],
        ru: ['мошенничество', 'дипфейк'],
        en: ['fraud', 'deepfake'],
        narrower: ['дипфейк', 'deepfake'],
      },
    ]);
    expect(['deepfakes', 'дипфейки', 'fraud', 'мошенничество'].map((w) => g.isNarrower(stem(w, /^[a-z]/.test(w) ? 'en' : 'ru')))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('returns the concept for each language and inflection of its wordings', () => {
    const g = createGlossary([AI]);
    expect(g.match(stems('Жасанды интеллекттің құқықтық мәртебесі', 'kk'))).toEqual([{ id: 'ai', start: 0, length: 2 }]);
    expect(g.match(stems('право искусственного интеллекта', 'ru'))).toEqual([{ id: 'ai', start: 1, length: 2 }]);
  });

  it('returns every concept at a position, the longer wording first, each concept once', () => {
    const g = createGlossary([
      { id: 'intelligence', kk: [], ru: [], en: ['intelligence'] },
      AI,
      { id: 'ai-law', kk: [], ru: [], en: ['artificial intelligence law', 'artificial intelligence act'] },
    ]);
    expect(g.match(stems('artificial intelligence law and artificial intelligence', 'en'))).toEqual([
      { id: 'ai-law', start: 0, length: 3 },
      { id: 'ai', start: 0, length: 2 },
      { id: 'intelligence', start: 1, length: 1 },
      { id: 'ai', start: 4, length: 2 },
      { id: 'intelligence', start: 5, length: 1 },
    ]);
  });

  it('returns nothing for an empty sequence or a glossary without wordings', () => {
    expect(createGlossary([AI]).match([])).toEqual([]);
    expect(createGlossary([{ id: 'empty', kk: [], ru: [], en: ['...'] }]).match(stems('anything at all', 'en'))).toEqual([]);
  });
});

describe('matchAnyOrder', () => {
  const g = createGlossary([
    { id: 'study-purpose', kk: [], ru: ['цель статьи'], en: ['aim of the article'] },
    { id: 'purpose', kk: [], ru: ['цель'], en: ['aim'] },
    { id: 'information-law', kk: [], ru: [], en: ['information law'] },
    { id: 'informatization', kk: [], ru: [], en: ['informatization'] },
    { id: 'law', kk: [], ru: [], en: ['law'] },
  ]);
  const bag = (text: string, lang: Lang) => {
    const s = stems(text, lang);
    return g.matchAnyOrder(s, g.match(s));
  };

  it('returns a multiword concept whose words stand apart and in another order, at their positions', () => {
    expect(bag('какая у статьи цель', 'ru')).toEqual([{ id: 'study-purpose', start: 2, length: 1, positions: [3, 2] }]);
  });

  it('returns nothing when every word already has a concept of its own, or a word is missing', () => {
    expect(bag('Law on Informatization', 'en')).toEqual([]);
    expect(bag('the aim of the study', 'en')).toEqual([]);
  });
});

describe('glossary of the corpus', () => {
  it('returns the same concepts for criminal liability in the three languages', () => {
    expect(concepts('criminal liability')).toEqual(['criminal-law', 'liability']);
    expect(concepts('қылмыстық жауапкершілік')).toEqual(['criminal-law', 'liability']);
    expect(concepts('уголовная ответственность')).toEqual(['criminal-law', 'liability']);
  });

  it('returns the same concept for cyberattacks in the three languages', () => {
    expect(concepts('cyberattacks')).toEqual(['cyberattacks', 'cybersecurity']);
    expect(concepts('кибершабуылдар')).toEqual(['cyberattacks', 'cybersecurity']);
    expect(concepts('кибератаки')).toEqual(['cyberattacks', 'cybersecurity']);
  });

  it('returns the keyword concepts of the article for its own keywords', () => {
    expect(concepts('artificial intelligence law')).toContain('keyword-7');
    expect(concepts('жасанды интеллект туралы заң')).toContain('keyword-7');
    expect(concepts('закон об искусственном интеллекте')).toContain('keyword-7');
  });
});

describe('parseGlossary', () => {
  it('returns the file concepts followed by the extra concepts', () => {
    const text = JSON.stringify({ formatVersion: 1, concepts: [AI] });
    expect(parseGlossary(text, 'ok.json').concepts).toEqual([AI]);
    const keyword = { id: 'keyword-1', kk: ['заң'], ru: ['закон'], en: ['law'] };
    expect(parseGlossary(text, 'ok.json', [keyword]).concepts).toEqual([AI, keyword]);
  });

  it('throws GlossaryError naming a file that is not JSON', () => {
    expect(() => parseGlossary('{', 'bad.json')).toThrow(GlossaryError);
    expect(() => parseGlossary('{', 'bad.json')).toThrow('glossary bad.json: cannot be read as JSON (');
  });

  it('throws GlossaryError for another format version or no concept list', () => {
    expect(() => parseGlossary(JSON.stringify({ formatVersion: 2, concepts: [] }), 'v2.json')).toThrow(
      new GlossaryError('v2.json', 'expected {"formatVersion": 1, "concepts": [...]}'),
    );
    expect(() => parseGlossary(JSON.stringify({ formatVersion: 1 }), 'v1.json')).toThrow(
      'glossary v1.json: expected {"formatVersion": 1, "concepts": [...]}. Fix the file (see corpus/glossary.json in git) and run the ' +
        'command again',
    );
  });
});

describe('senses sharing a short stem', () => {
  const g = createGlossary([
    { id: 'liability', kk: [], ru: ['ответственность', 'ответственности'], en: [] },
    { id: 'responsible', kk: [], ru: ['ответственного'], en: [] },
  ]);
  const ids = (text: string) => {
    const w = words(text);
    return g
      .match(
        w.map((x) => stem(x, 'ru')),
        w.map((x) => stem(x, 'ru', SENSE_STEM_LEN)),
      )
      .map((m) => m.id);
  };
  it('gives a word the concept whose wording agrees on the long stem', () => {
    expect(ids('ответственного использования')).toEqual(['responsible']);
    expect(ids('об ответственности')).toEqual(['liability']);
  });
});

describe('a phrase steering elsewhere', () => {
  const g = createGlossary([
    { id: 'conclusion', kk: ['қорытынды'], ru: [], en: [], sections: ['conclusion'] },
    { id: 'findings', kk: ['негізгі қорытындылар'], ru: [], en: [], sections: ['results'] },
    { id: 'methods', kk: ['әдіс'], ru: [], en: [], sections: ['methods'] },
    { id: 'formal-legal-method', kk: ['формальды-құқықтық әдіс'], ru: [], en: [], sections: ['methods'] },
  ]);
  const ids = (text: string) => g.match(words(text).map((x) => stem(x, 'kk'))).map((m) => m.id);
  it('takes the words it covers from a one-word concept steering to other sections', () => {
    expect(ids('негізгі қорытындылары')).toEqual(['findings']);
    expect(ids('қорытындыда')).toEqual(['conclusion']);
  });
  it('leaves a one-word concept that steers to the same section', () => {
    expect(ids('формальды-құқықтық әдіс').sort()).toEqual(['formal-legal-method', 'methods']);
  });
});
