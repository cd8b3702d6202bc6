import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnswerText } from '../../src/answer/format.js';
import { IndexError } from '../../src/errors.js';
import { readMeta } from '../../src/index/store.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openService, retrievalSettings } from '../../src/setup.js';

// one lexical index for the checks below: meta validation, auto rebuild, sections, terminal output
const tmp = mkdtempSync(join(tmpdir(), 'open-'));
let service: ArticleService;
beforeAll(async () => {
  ({ service } = await openService(retrievalSettings({ EMBEDDER: 'lexical', INDEX_DIR: join(tmp, 'idx', 'article') }), {
    log: () => undefined,
  }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readMeta', () => {
  it('throws IndexError kind corrupt for a meta.json without its embedder', () => {
    const dir = join(tmp, 'bad-meta');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ formatVersion: 1, corpusHash: 'x' }));
    const err = (() => {
      try {
        readMeta(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(IndexError);
    expect((err as IndexError).kind).toBe('corrupt');
    expect((err as IndexError).detail).toBe('has a meta.json with missing or malformed fields');
  });
});
describe('openService with EMBEDDER=auto', () => {
  it('rebuilds an index made with another embedder instead of refusing it', async () => {
    const indexDir = join(tmp, 'idx', 'article');
    const meta = JSON.parse(readFileSync(join(indexDir, 'meta.json'), 'utf8'));
    writeFileSync(join(indexDir, 'meta.json'), JSON.stringify({ ...meta, embedder: { ...meta.embedder, settings: { other: true } } }));
    const notices: string[] = [];
    const opened = await openService(retrievalSettings({ EMBEDDER: 'auto', ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: indexDir }), {
      log: (l) => notices.push(l),
    });
    expect(opened.rebuilt).toBe(true);
    expect(notices.some((n) => n.includes('was built with embedder lexical-v1') && n.endsWith('rebuilding it now'))).toBe(true);
  });
});
describe('ArticleService.section', () => {
  it('returns each of the 18 references once, in English the readable gloss', () => {
    const refs = service.section('references', 'en');
    expect(refs.map((c) => c.sectionId)).toEqual(Array.from({ length: 18 }, (_, i) => `references/${i + 1}`));
    expect(refs[17].id).toBe('en:references/18:1:tr');
    expect(service.section('references', 'kk').every((c) => c.lang === 'kk')).toBe(true);
  });
});
describe('formatAnswerText (a terminal)', () => {
  it('ends an answer with the source line naming the article, DOI and licence', async () => {
    const answer = await service.ask('What is the fourth finding?');
    const text = formatAnswerText(answer, answer.lang, { all: true });
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Source: Berdiyarova, Saimova, Abdullaeva (2026) “Legal problems of using artificial intelligence” · ' +
        'https://doi.org/10.32523/2616-6844-2026-154-1-41-50 · CC BY-NC 4.0',
    );
  });
});
