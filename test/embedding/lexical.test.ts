import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { createLexicalEmbedder, hash, normalise } from '../../src/embedding/lexical.js';
import { createGlossary } from '../../src/text/glossary.js';

const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const kk = (id: string) => corpus.sections.find((s) => s.id === id && s.lang === 'kk')!.paragraphs;
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0) / (norm(a) * norm(b));

describe('createLexicalEmbedder', () => {
  it('returns an embedder with its id, dims and every setting that changes the vectors', () => {
    const e = createLexicalEmbedder(corpus.glossary);
    expect(e.id).toBe('lexical-v1');
    expect(e.dims).toBe(1024);
    expect(e.settings).toEqual({
      dims: 1024,
      stemWeight: 1,
      conceptWeight: 1.5,
      gramWeight: 0.6,
      features: 'stems+concepts+char4',
      hash: 'fnv1a32-signed',
    });
    const small = createLexicalEmbedder(corpus.glossary, { dims: 64, conceptWeight: 2 });
    expect(small.dims).toBe(64);
    expect(small.settings).toEqual({
      dims: 64,
      stemWeight: 1,
      conceptWeight: 2,
      gramWeight: 0.6,
      features: 'stems+concepts+char4',
      hash: 'fnv1a32-signed',
    });
  });

  it('returns vectors of `dims` numbers, one per text, in order', async () => {
    const [a, b] = await createLexicalEmbedder(corpus.glossary, { dims: 64 }).embedPassages(['заң', 'law']);
    expect(a).toHaveLength(64);
    expect(b).toHaveLength(64);
    expect(Array.isArray(a)).toBe(true);
    expect(await createLexicalEmbedder(corpus.glossary).embedQueries([])).toEqual([]);
  });

  it('returns identical vectors for the same text across two instances, for queries and passages', async () => {
    const texts = ['Жасанды интеллект туралы заң', 'кибератаки', 'What r the findings?', kk('discussion')[9]];
    const first = await createLexicalEmbedder(corpus.glossary).embedQueries(texts);
    const second = createLexicalEmbedder(loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url))).glossary);
    expect(await second.embedQueries(texts)).toEqual(first);
    expect(await second.embedPassages(texts)).toEqual(first);
  });

  it('returns unit vectors for text with a content word, and 0 or 1 norms for any text (property)', async () => {
    const e = createLexicalEmbedder(corpus.glossary);
    const noise = fc.string({ unit: fc.constantFrom(...'заңқұлaiwtр кибе.,😀') });
    const content = fc.constantFrom('заң', 'кибершабуыл', 'liability', 'закон', 'intelligence', '2025');
    await fc.assert(
      fc.asyncProperty(noise, content, noise, async (a, w, b) => {
        const [v, n] = await e.embedQueries([`${a} ${w} ${b}`, a]);
        expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-12);
        expect(Math.min(Math.abs(norm(n) - 1), norm(n))).toBeLessThan(1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('returns a zero vector for text without words', async () => {
    const [v] = await createLexicalEmbedder(corpus.glossary, { dims: 16 }).embedQueries(['?! —']);
    expect(v).toEqual(Array(16).fill(0));
  });

  it('returns an English query closer to the Kazakh paragraph about cyberattacks than to an unrelated one', async () => {
    const e = createLexicalEmbedder(corpus.glossary);
    const about = kk('discussion').filter((p) => p.includes('кибершабуыл'));
    expect(about).toHaveLength(2);
    const unrelated = kk('conflict-of-interest')[0];
    const [q, a, b, u] = await e.embedQueries(['cyberattacks', about[0], about[1], unrelated]);
    expect(cosine(q, a)).toBeGreaterThan(cosine(q, u));
    expect(cosine(q, b)).toBeGreaterThan(cosine(q, u));
    expect(cosine(q, a)).toBeGreaterThan(0.05);
  });

  it('returns nothing shared across languages without the glossary concepts', async () => {
    const e = createLexicalEmbedder(createGlossary([]));
    const [q, u] = await e.embedQueries(['cyberattacks', 'кибершабуылдар']);
    expect(cosine(q, u)).toBe(0);
    const withConcepts = createLexicalEmbedder(corpus.glossary);
    const [q2, u2] = await withConcepts.embedQueries(['cyberattacks', 'кибершабуылдар']);
    expect(cosine(q2, u2)).toBeGreaterThan(0.3);
  });
});

describe('hash', () => {
  it('returns the FNV-1a 32-bit hash as an unsigned number', () => {
    expect(hash('')).toBe(0x811c9dc5);
    expect(hash('a')).toBe(0xe40c292c);
    expect(hash('foobar')).toBe(0xbf9cf968);
  });
});

describe('normalise', () => {
  it('returns the vector divided by its length, as a plain Array', () => {
    expect(normalise([3, 4])).toEqual([0.6, 0.8]);
    expect(normalise(Float64Array.from([0, 0, 2]))).toEqual([0, 0, 1]);
    expect(Array.isArray(normalise(Float64Array.from([1])))).toBe(true);
  });

  it('returns a zero vector unchanged', () => {
    expect(normalise([0, 0, 0])).toEqual([0, 0, 0]);
    expect(normalise([])).toEqual([]);
  });
});
