/**
 * Generates the tiny BERT-like test model in `test/fixtures/tiny-model/`.
 *
 * Run: `npx tsx scripts/make-tiny-model.ts [outDir]` (default outDir: test/fixtures/tiny-model).
 * Output is byte-for-byte deterministic (fixed-seed PRNG, fixed key order), so the generated
 * files can be committed and regenerated without spurious diffs.
 *
 * The "model" is not a transformer: last_hidden_state = tanh((E[ids] + T[types]) · W + b) · mask,
 * with E the word embedding table [VOCAB, HIDDEN], T the token-type table [2, HIDDEN], W [HIDDEN, HIDDEN].
 * It has the same inputs/outputs as a transformers.js BERT export (IR version 8, opset 17), which
 * is all the embedder needs. `model_quantized.onnx` stores E and W as uint8 + DequantizeLinear.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import { mulberry32 } from '../bench/scaling.js';

const { onnx } = onnxProto;

/** Width of the hidden state (= embedding dimensions of the tiny model). */
export const TINY_HIDDEN_SIZE = 32;
const SEED = 20240601;

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const PUNCT = [...'.,:;!?-()[]«»"\'/%*+=<>&@#_'].concat(['–', '—', '№', '“', '”', '…']);
const DIGITS = [...'0123456789'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyz'];
const CYRILLIC = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', ...'әғқңөұүһі'];
const WORDS = [
  // e5-style prefixes
  'query',
  'passage',
  // English
  'the',
  'of',
  'and',
  'in',
  'to',
  'a',
  'is',
  'for',
  'on',
  'with',
  'law',
  'legal',
  'artificial',
  'intelligence',
  'ai',
  'regulation',
  'data',
  'personal',
  'protection',
  'kazakhstan',
  'rights',
  'liability',
  'article',
  'republic',
  'technology',
  'copyright',
  'what',
  'how',
  'who',
  // Kazakh
  'жасанды',
  'интеллект',
  'интеллектті',
  'құқық',
  'құқықтық',
  'құқығы',
  'және',
  'туралы',
  'заң',
  'заңы',
  'заңнама',
  'қазақстан',
  'республикасы',
  'деректер',
  'дербес',
  'реттеу',
  'талдау',
  'зерттеу',
  'мәселелері',
  'қорғау',
  'ұлттық',
  'халықаралық',
  'жауапкершілік',
  'киберқауіпсіздік',
  'зияткерлік',
  'меншік',
  'технологиялар',
  'үшін',
  'мен',
  'бұл',
  'қандай',
  'не',
  'мақала',
  // Russian
  'искусственный',
  'искусственного',
  'интеллекта',
  'право',
  'закон',
  'правовое',
  'регулирование',
  'данные',
  'персональные',
  'казахстан',
  'республики',
  'ответственность',
  'и',
  'в',
  'на',
  'по',
  'что',
  'как',
  'это',
  'статья',
];
/** Common Kazakh/Russian suffixes so long words split into a few pieces instead of single letters. */
const SUFFIXES = [
  'тық',
  'тік',
  'лық',
  'лік',
  'дың',
  'нің',
  'ның',
  'ды',
  'ті',
  'ға',
  'ге',
  'ция',
  'ние',
  'ого',
  'ами',
  'ing',
  'tion',
  'ed',
  's',
];

/** Builds the vocabulary: specials first (ids 0..4), then single chars, continuations, words. */
export function buildVocab(): Record<string, number> {
  const chars = [...PUNCT, ...DIGITS, ...LATIN, ...CYRILLIC];
  const pieces = [...DIGITS, ...LATIN, ...CYRILLIC, ...SUFFIXES].map((c) => `##${c}`);
  const vocab: Record<string, number> = {};
  for (const token of [...SPECIALS, ...chars, ...pieces, ...WORDS]) {
    if (!(token in vocab)) vocab[token] = Object.keys(vocab).length;
  }
  return vocab;
}

const prng = mulberry32;

function randomMatrix(rand: () => number, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}

const F32 = onnx.TensorProto.DataType.FLOAT;
const U8 = onnx.TensorProto.DataType.UINT8;
const I64 = onnx.TensorProto.DataType.INT64;

function floatTensor(name: string, dims: number[], values: Float32Array): Onnx.ITensorProto {
  const raw = Buffer.alloc(values.length * 4);
  for (const [i, v] of values.entries()) raw.writeFloatLE(v, i * 4);
  return { name, dims, dataType: F32, rawData: raw };
}

/** Per-tensor asymmetric uint8 quantization: returns data, scale and zero point initializers. */
function quantizedTensors(name: string, dims: number[], values: Float32Array): Onnx.ITensorProto[] {
  let min = 0;
  let max = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const scale = Math.fround((max - min) / 255 || 1);
  const zero = Math.min(255, Math.max(0, Math.round(-min / scale)));
  const q = Buffer.alloc(values.length);
  values.forEach((v, i) => {
    q[i] = Math.min(255, Math.max(0, Math.round(v / scale) + zero));
  });
  return [
    { name: `${name}_quantized`, dims, dataType: U8, rawData: q },
    floatTensor(`${name}_scale`, [], new Float32Array([scale])),
    { name: `${name}_zero_point`, dims: [], dataType: U8, rawData: Buffer.from([zero]) },
  ];
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]): Onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** Builds the ONNX model bytes; `quantized` stores the two big matrices as uint8. */
export function buildModel(vocabSize: number, quantized: boolean): Uint8Array {
  const rand = prng(SEED);
  const hidden = TINY_HIDDEN_SIZE;
  const words = randomMatrix(rand, vocabSize * hidden, 1);
  const types = randomMatrix(rand, 2 * hidden, 0.1);
  const weight = randomMatrix(rand, hidden * hidden, 1 / Math.sqrt(hidden));
  const bias = randomMatrix(rand, hidden, 0.05);
  const axes = Buffer.alloc(8);
  axes.writeBigInt64LE(-1n);

  const initializer: Onnx.ITensorProto[] = [
    floatTensor('token_type_embeddings', [2, hidden], types),
    floatTensor('dense_bias', [hidden], bias),
    { name: 'unsqueeze_axes', dims: [1], dataType: I64, rawData: axes },
  ];
  const node: Onnx.INodeProto[] = [];
  if (quantized) {
    initializer.push(...quantizedTensors('word_embeddings', [vocabSize, hidden], words));
    initializer.push(...quantizedTensors('dense_weight', [hidden, hidden], weight));
    for (const n of ['word_embeddings', 'dense_weight']) {
      node.push({
        opType: 'DequantizeLinear',
        name: `dequant_${n}`,
        input: [`${n}_quantized`, `${n}_scale`, `${n}_zero_point`],
        output: [n],
      });
    }
  } else {
    initializer.push(floatTensor('word_embeddings', [vocabSize, hidden], words));
    initializer.push(floatTensor('dense_weight', [hidden, hidden], weight));
  }
  const castTo: Onnx.IAttributeProto = { name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: F32 };
  node.push(
    { opType: 'Gather', name: 'word_lookup', input: ['word_embeddings', 'input_ids'], output: ['word_vecs'] },
    { opType: 'Gather', name: 'type_lookup', input: ['token_type_embeddings', 'token_type_ids'], output: ['type_vecs'] },
    { opType: 'Add', name: 'embed_sum', input: ['word_vecs', 'type_vecs'], output: ['embedded'] },
    { opType: 'MatMul', name: 'dense', input: ['embedded', 'dense_weight'], output: ['projected'] },
    { opType: 'Add', name: 'dense_add_bias', input: ['projected', 'dense_bias'], output: ['biased'] },
    { opType: 'Tanh', name: 'activation', input: ['biased'], output: ['activated'] },
    { opType: 'Cast', name: 'mask_cast', input: ['attention_mask'], output: ['mask_float'], attribute: [castTo] },
    { opType: 'Unsqueeze', name: 'mask_unsqueeze', input: ['mask_float', 'unsqueeze_axes'], output: ['mask_3d'] },
    { opType: 'Mul', name: 'apply_mask', input: ['activated', 'mask_3d'], output: ['last_hidden_state'] },
  );
  const model: Onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'make-tiny-model',
    producerVersion: '1',
    graph: {
      name: 'tiny_bert',
      node,
      initializer,
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, I64, ['batch', 'sequence'])),
      output: [valueInfo('last_hidden_state', F32, ['batch', 'sequence', hidden])],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}

/** Every fixture file (path relative to the model folder → contents). */
export function buildTinyModelFiles(): Map<string, string | Uint8Array> {
  const vocab = buildVocab();
  const vocabSize = Object.keys(vocab).length;
  const special = (t: string) => ({ id: t, type_id: 0 });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({
      id: vocab[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [vocab[t]], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: TINY_HIDDEN_SIZE,
    vocab_size: vocabSize,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: TINY_HIDDEN_SIZE,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return new Map<string, string | Uint8Array>([
    ['config.json', json(config)],
    ['tokenizer.json', json(tokenizer)],
    ['tokenizer_config.json', json(tokenizerConfig)],
    ['onnx/model.onnx', buildModel(vocabSize, false)],
    ['onnx/model_quantized.onnx', buildModel(vocabSize, true)],
  ]);
}

/** Writes the fixture into `outDir` (created if missing). */
export function writeTinyModel(outDir: string): void {
  for (const [rel, data] of buildTinyModelFiles()) {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'test/fixtures/tiny-model'));
  writeTinyModel(outDir);
  console.log(`tiny model written to ${outDir}`);
}
