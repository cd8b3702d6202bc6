import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ModelUnavailableError,
  createTransformersEmbedder,
  isModelAvailableLocally,
  type ProgressEvent,
} from '../../src/embedding/transformers.js';
import { TINY_HIDDEN_SIZE, buildTinyModelFiles } from '../../scripts/make-tiny-model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TINY = path.resolve(here, '../fixtures/tiny-model');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'embed-cache-'));
const base = { model: TINY, allowRemote: false, cacheDir } as const;

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const TEXTS = [
  'Жасанды интеллект туралы заң',
  'Искусственный интеллект и право',
  'Artificial intelligence regulation in Kazakhstan',
  'Дербес деректерді қорғау — 2024 ж.',
];

describe('tiny model fixture', () => {
  it('is what scripts/make-tiny-model.ts generates (deterministic, not stale)', () => {
    for (const [rel, data] of buildTinyModelFiles()) {
      const onDisk = readFileSync(path.join(TINY, rel));
      expect(Buffer.compare(onDisk, Buffer.from(data)), rel).toBe(0);
    }
  });
});

describe('createTransformersEmbedder (tiny local model, offline)', () => {
  it('reports the fixture hidden size, id and settings', async () => {
    const e = await createTransformersEmbedder(base);
    const hidden = JSON.parse(readFileSync(path.join(TINY, 'config.json'), 'utf8')).hidden_size;
    expect(hidden).toBe(TINY_HIDDEN_SIZE);
    expect(e.dims).toBe(hidden);
    expect(e.id).toBe('transformers');
    expect(e.settings).toEqual({
      model: TINY,
      quantized: true,
      pooling: 'mean',
      normalize: true,
      queryPrefix: '',
      passagePrefix: '',
    });
    const [v] = await e.embedPassages(['тест']);
    expect(v).toHaveLength(hidden);
  });

  it('returns unit vectors, deterministically', async () => {
    const e = await createTransformersEmbedder(base);
    const a = await e.embedPassages(TEXTS);
    const b = await e.embedPassages(TEXTS);
    expect(a).toHaveLength(TEXTS.length);
    for (const v of [...a, ...(await e.embedQueries(TEXTS))]) expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-5);
    expect(b).toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
    expect(await e.embedQueries([])).toEqual([]);
  });

  it('works with the non-quantized model too', async () => {
    const e = await createTransformersEmbedder({ ...base, quantized: false });
    expect(e.settings.quantized).toBe(false);
    const [v] = await e.embedQueries(['law']);
    expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-5);
  });

  it('prefixes make query and passage vectors differ; empty prefixes make them equal', async () => {
    const withPrefix = await createTransformersEmbedder({ ...base, queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(withPrefix.settings).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const [q] = await withPrefix.embedQueries([TEXTS[0]]);
    const [p] = await withPrefix.embedPassages([TEXTS[0]]);
    expect(q).not.toEqual(p);

    const plain = await createTransformersEmbedder({ ...base, queryPrefix: '', passagePrefix: '' });
    expect(await plain.embedQueries([TEXTS[0]])).toEqual(await plain.embedPassages([TEXTS[0]]));
    // prefix is applied literally: "query: " + text with empty prefixes equals the prefixed query
    expect((await plain.embedQueries([`query: ${TEXTS[0]}`]))[0]).toEqual(q);
  });

  it('batching does not change the vectors (37 texts, batchSize 8 vs one by one)', async () => {
    const texts = Array.from({ length: 37 }, (_, i) => `${TEXTS[i % TEXTS.length]} ${'мәселе '.repeat(i % 7)}${i}`);
    const batched = await createTransformersEmbedder({ ...base, batchSize: 8 });
    const single = await createTransformersEmbedder({ ...base, batchSize: 1 });
    const a = await batched.embedPassages(texts);
    const b = await single.embedPassages(texts);
    expect(a).toHaveLength(37);
    for (let i = 0; i < 37; i++) {
      for (let d = 0; d < a[i].length; d++) expect(Math.abs(a[i][d] - b[i][d])).toBeLessThan(1e-6);
    }
  });

  it('rejects a bad batch size', async () => {
    await expect(createTransformersEmbedder({ ...base, batchSize: 0 })).rejects.toThrow(RangeError);
  });

  it('defaults to e5 prefixes for e5 models and reports loading progress', async () => {
    const e5Dir = path.join(mkdtempSync(path.join(tmpdir(), 'models-')), 'tiny-e5');
    cpSync(TINY, e5Dir, { recursive: true });
    const events: ProgressEvent[] = [];
    const e = await createTransformersEmbedder({ ...base, model: e5Dir, onProgress: (p) => events.push(p) });
    expect(e.settings).toMatchObject({ model: e5Dir, queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(events.map((p) => p.status)).toContain('ready');
    const plain = await createTransformersEmbedder({ ...base, queryPrefix: '', passagePrefix: '' });
    expect(await e.embedQueries(['право'])).toEqual(await plain.embedQueries(['query: право']));
  });
});

describe('offline failures', () => {
  it('throws ModelUnavailableError fast for a remote id with allowRemote false', async () => {
    const started = Date.now();
    const err = await createTransformersEmbedder({ model: 'Xenova/multilingual-e5-small', allowRemote: false, cacheDir }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toContain('Xenova/multilingual-e5-small');
    expect(msg).toContain('onnx/model_quantized.onnx');
    expect(msg).toContain('EMBEDDING_MODEL');
    expect(msg).toContain('ALLOW_REMOTE_MODELS=true');
  });

  it('names the missing files of an incomplete local folder', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'empty-model-'));
    const err = await createTransformersEmbedder({ ...base, model: empty }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelUnavailableError);
    expect((err as Error).message).toMatch(/missing config\.json, tokenizer\.json/);
  });

  it('loads a hub id offline from the cache layout <cacheDir>/<model id>/', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'embed-cache-'));
    cpSync(TINY, path.join(cache, 'some-org', 'tiny-cached'), { recursive: true });
    expect(isModelAvailableLocally('some-org/tiny-cached', cache)).toBe(true);
    const e = await createTransformersEmbedder({ model: 'some-org/tiny-cached', allowRemote: false, cacheDir: cache });
    expect(e.settings.model).toBe('some-org/tiny-cached');
    const local = await createTransformersEmbedder(base);
    expect(await e.embedPassages(TEXTS)).toEqual(await local.embedPassages(TEXTS));
  });

  it('isModelAvailableLocally: local folder yes, uncached hub id no', () => {
    expect(isModelAvailableLocally(TINY, cacheDir)).toBe(true);
    expect(isModelAvailableLocally(TINY, cacheDir, false)).toBe(true);
    expect(isModelAvailableLocally('Xenova/multilingual-e5-small', cacheDir)).toBe(false);
    // a hub id found in the cache layout <cacheDir>/<model id>/ counts as local
    expect(isModelAvailableLocally('tiny-model', path.dirname(TINY))).toBe(true);
  });
});

describe('tokenizer of the tiny model', () => {
  it('keeps й, ё and Kazakh letters (no accent stripping), lowercases', async () => {
    const { AutoTokenizer, env } = await import('@xenova/transformers');
    env.localModelPath = `${path.dirname(TINY)}${path.sep}`;
    env.allowRemoteModels = false;
    const tok = await AutoTokenizer.from_pretrained(path.basename(TINY));
    const vocab = (tok as unknown as { model: { tokens_to_ids: Map<string, number> } }).model.tokens_to_ids;
    const idOf = (t: string) => vocab.get(t);
    for (const [ch, stripped] of [
      ['й', 'и'],
      ['ё', 'е'],
      ['қ', 'к'],
    ] as const) {
      const ids = tok.encode(ch);
      expect(ids).toEqual([idOf('[CLS]'), idOf(ch), idOf('[SEP]')]);
      expect(idOf(ch)).not.toBe(idOf(stripped));
    }
    expect(tok.encode('Й')).toEqual(tok.encode('й'));
    for (const ch of 'әғқңөұүһі') expect(tok.encode(ch)[1]).toBe(idOf(ch));
  });
});
