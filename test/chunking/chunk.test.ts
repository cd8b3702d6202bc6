import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkSections, MAX_CHUNK_CHARS, splitLong } from '../../src/chunking/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Lang, Section } from '../../src/corpus/types.js';

const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const chunks = chunkSections(corpus.sections);
const noSpace = (s: string) => s.replace(/\s+/g, '');

// Well-formed prose: words of letters, sentences ending in . ! or ? followed by a space.
const word = fc.string({ unit: fc.constantFrom(...'абвгдеқңүәіxyzABCЖ'), minLength: 1, maxLength: 12 });
// a sentence as text/sentences.ts knows one: a capital first, and no one-letter word (an initial) before its end
const sentence = fc
  .tuple(
    fc.constantFrom('Ж', 'A', 'Қ'),
    fc.array(word, { minLength: 0, maxLength: 24 }),
    fc.string({ unit: fc.constantFrom(...'абвгxyz'), minLength: 2, maxLength: 8 }),
    fc.constantFrom('.', '!', '?', '...', '?!'),
  )
  .map(([cap, ws, last, end]) => `${[cap + (ws[0] ?? 'а'), ...ws.slice(1), last].join(' ')}${end}`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((ss) => ss.join(' '));

describe('chunkSections', () => {
  it('returns one chunk per paragraph of the corpus (none is over the size limit)', () => {
    const paragraphs = corpus.sections.flatMap((s) => s.paragraphs);
    expect(paragraphs.filter((p) => p.length > MAX_CHUNK_CHARS)).toEqual([]);
    expect(chunks).toHaveLength(paragraphs.length);
  });

  it('returns no empty chunk', () => {
    expect(chunks.filter((c) => c.text.trim().length === 0)).toEqual([]);
  });

  it('returns chunks that never cross a section: each text lies in one paragraph of its own section', () => {
    for (const c of chunks) {
      const own = corpus.sections.filter((s) => s.id === c.sectionId && s.lang === c.lang && s.official === c.official);
      expect(own.length).toBe(c.sectionId === 'results' ? 2 : 1);
      expect(own.flatMap((s) => s.paragraphs).filter((p) => p.includes(c.text))).not.toEqual([]);
    }
  });

  it('returns ids made of language, section id and 1-based position', () => {
    expect(chunks[0]).toEqual({
      id: 'kk:publication:1',
      sectionId: 'publication',
      lang: 'kk',
      position: 1,
      official: true,
      text: corpus.sections[0].paragraphs[0],
      sourceText: corpus.sections[0].paragraphs[0],
    });
    for (const c of chunks) {
      const plain = `${c.lang}:${c.sectionId}:${c.position}`;
      expect(c.id).toBe(c.official || !chunks.some((o) => o.official && o.id === plain) ? plain : `${plain}:tr`);
    }
    expect(chunks.filter((c) => c.id.endsWith(':tr')).map((c) => c.id)).toEqual(
      Array.from({ length: 18 }, (_, i) => `en:references/${i + 1}:1:tr`),
    );
    expect(chunks.filter((c) => c.sectionId === 'discussion' && c.lang === 'kk').map((c) => c.position)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('returns unique ids within the official text and within the translations', () => {
    for (const official of [true, false]) {
      const ids = chunks.filter((c) => c.official === official).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('returns unique ids over the whole corpus', () => {
    const ids = chunks.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('returns the same ids and texts on a second run over a fresh load', () => {
    const again = chunkSections(loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url))).sections);
    expect(again).toEqual(chunks);
  });

  it('returns the Kazakh source as sourceText of a translated chunk and the text itself for an official one', () => {
    const official = chunks.filter((c) => c.official);
    expect(official.filter((c) => c.sourceText !== c.text)).toEqual([]);
    const ru = chunks.find((c) => c.id === 'ru:results/finding-4:1')!;
    const kk = chunks.find((c) => c.id === 'kk:results/finding-4:1')!;
    expect(ru.official).toBe(false);
    expect(ru.sourceText).toBe(kk.text);
    expect(ru.text.startsWith('В-четвёртых') || ru.text.startsWith('В-четвертых')).toBe(true);
  });

  it('returns long paragraphs cut at sentence ends, positions counted across the section', () => {
    const section: Section = {
      id: 'methods',
      lang: 'kk',
      official: true,
      paragraphs: ['Бірінші сөйлем. Екінші сөйлем! Үшінші?', 'Қысқа.'],
    };
    const source = section.paragraphs[0];
    expect(chunkSections([section], 20)).toEqual([
      { id: 'kk:methods:1', sectionId: 'methods', lang: 'kk', position: 1, text: 'Бірінші сөйлем.', sourceText: source, official: true },
      { id: 'kk:methods:2', sectionId: 'methods', lang: 'kk', position: 2, text: 'Екінші сөйлем!', sourceText: source, official: true },
      { id: 'kk:methods:3', sectionId: 'methods', lang: 'kk', position: 3, text: 'Үшінші?', sourceText: source, official: true },
      { id: 'kk:methods:4', sectionId: 'methods', lang: 'kk', position: 4, text: 'Қысқа.', sourceText: 'Қысқа.', official: true },
    ]);
  });

  it('returns no chunk for a section without paragraphs', () => {
    expect(chunkSections([{ id: 'methods', lang: 'ru', official: false, paragraphs: [], sourceParagraphs: [] }])).toEqual([]);
  });

  it('returns unique, non-empty, in-section chunks that cover each paragraph, the same on every run (property)', () => {
    const sectionArb = fc.record({
      id: fc.constantFrom('introduction', 'methods', 'results/finding-1', 'references/3'),
      lang: fc.constantFrom<Lang>('kk', 'ru', 'en'),
      paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
    });
    const sectionsArb = fc.uniqueArray(sectionArb, { maxLength: 6, selector: (s) => `${s.lang}:${s.id}` });
    fc.assert(
      fc.property(sectionsArb, fc.integer({ min: 20, max: 400 }), (raw, max) => {
        const sections: Section[] = raw.map((s) => ({ ...s, official: true }));
        const out = chunkSections(sections, max);
        expect(chunkSections(sections, max)).toEqual(out);
        expect(new Set(out.map((c) => c.id)).size).toBe(out.length);
        for (const s of sections) {
          s.paragraphs.forEach((p) => {
            const pieces = out.filter((c) => c.lang === s.lang && c.sectionId === s.id && c.sourceText === p);
            expect(pieces.length).toBeGreaterThan(0);
            expect(noSpace(pieces.map((c) => c.text).join(''))).toBe(noSpace(p));
          });
        }
        expect(
          out.every(
            (c) =>
              c.text.length > 0 &&
              sections.some((s) => s.id === c.sectionId && s.lang === c.lang && s.paragraphs.some((p) => p.includes(c.text))),
          ),
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('splitLong', () => {
  it('returns a short paragraph whole', () => {
    expect(splitLong('Short.', 10)).toEqual(['Short.']);
    expect(splitLong('exactly 10', 10)).toEqual(['exactly 10']);
  });

  it('returns pieces cut at sentence ends, packing sentences while they fit', () => {
    expect(splitLong('One two. Three four! Five six? Seven', 10)).toEqual(['One two.', 'Three four!', 'Five six?', 'Seven']);
    expect(splitLong('One. Two. Three. Four.', 10)).toEqual(['One. Two.', 'Three.', 'Four.']);
  });

  it('returns a single sentence longer than the limit whole', () => {
    expect(splitLong('A very long single sentence without end', 10)).toEqual(['A very long single sentence without end']);
    expect(splitLong('Tiny. A sentence far longer than ten. End.', 10)).toEqual(['Tiny.', 'A sentence far longer than ten.', 'End.']);
  });

  it('returns pieces of at most maxChars unless a piece is one sentence longer than that (property)', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.integer({ min: 5, max: 300 }), (ss, max) => {
        const pieces = splitLong(ss.join(' '), max);
        for (const piece of pieces) {
          expect(piece.length <= max || ss.includes(piece)).toBe(true);
          expect(piece).toBe(piece.trim());
          expect(piece.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns pieces whose concatenation, white space aside, is the paragraph (property)', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 5, max: 300 }), (p, max) => {
        expect(noSpace(splitLong(p, max).join(''))).toBe(noSpace(p));
      }),
      { numRuns: 300 },
    );
  });

  it('returns all text of a paragraph with initials or decimals', () => {
    const p = 'Ж.С. Бердиярова wrote this article. The rate grew by 3.5 per cent in a year.';
    expect(noSpace(splitLong(p, 40).join(''))).toBe(noSpace(p));
  });

  it('returns all text of a paragraph that starts with punctuation', () => {
    expect(splitLong('...and then it ended. Another sentence follows here.', 25).join(' ')).toBe(
      '...and then it ended. Another sentence follows here.',
    );
  });
});
