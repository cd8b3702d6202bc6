/**
 * Embedder on @xenova/transformers (ONNX, runs locally): feature-extraction pipeline with
 * mean pooling and L2 normalisation. Works offline from a local model folder or the model cache.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Embedder } from './types.js';
import type { ProgressEvent } from './progress.js';

export type { ProgressEvent } from './progress.js';

export interface TransformersEmbedderOptions {
  /** Hub id (e.g. `Xenova/multilingual-e5-small`) or path of a local model folder (absolute or relative to cwd). */
  model: string;
  /** Allow downloading from the Hugging Face hub when the model is neither a local folder nor cached. */
  allowRemote: boolean;
  /** transformers.js file cache (`env.cacheDir`); hub models live in `<cacheDir>/<model id>/`. */
  cacheDir: string;
  /** Use `onnx/model_quantized.onnx` (default true) instead of `onnx/model.onnx`. */
  quantized?: boolean;
  /** Texts per model call (default 16). */
  batchSize?: number;
  /** Prepended to queries; default "query: " for e5 models (id containing "e5"), "" otherwise. */
  queryPrefix?: string;
  /** Prepended to passages; default "passage: " for e5 models, "" otherwise. */
  passagePrefix?: string;
  /** Receives transformers.js loading/download events (see `createModelProgressHandler`). */
  onProgress?: (p: ProgressEvent) => void;
}

/** Thrown when the model can be neither found locally nor downloaded. The message says how to fix it. */
export class ModelUnavailableError extends UserError {
  constructor(
    readonly model: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The id this embedder writes into an index's meta.json. */
export const TRANSFORMERS_EMBEDDER_ID = 'transformers';

/** Default batch size of `createTransformersEmbedder`. */
export const DEFAULT_BATCH_SIZE = 16;
/** Timeout of the hub reachability check, ms. */
const REACHABILITY_TIMEOUT_MS = 3000;

/** Files a model folder needs for the feature-extraction pipeline. */
export function requiredModelFiles(quantized = true): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
}

function localFolder(model: string): string | null {
  const abs = path.resolve(model);
  try {
    return statSync(abs).isDirectory() ? abs : null;
  } catch {
    return null;
  }
}

function missingFiles(folder: string, quantized: boolean): string[] {
  return requiredModelFiles(quantized).filter((f) => !existsSync(path.join(folder, f)));
}

/**
 * True when `model` is a local folder holding all required files, or a hub id already present
 * in `cacheDir` under the transformers.js layout `<cacheDir>/<model id>/...`.
 */
export function isModelAvailableLocally(model: string, cacheDir: string, quantized = true): boolean {
  const folder = localFolder(model) ?? path.join(path.resolve(cacheDir), model);
  return missingFiles(folder, quantized).length === 0;
}

function howToFix(quantized: boolean, remoteAllowed = false): string {
  return (
    `copy the model folder (${requiredModelFiles(quantized).join(', ')}) to a local folder and set ` +
    'EMBEDDING_MODEL to its path, or ' +
    (remoteAllowed
      ? 'run once on a machine with internet access to fill the cache'
      : 'allow downloads with ALLOW_REMOTE_MODELS=true on a machine with internet')
  );
}

type Extractor = (
  texts: string | string[],
  opts: { pooling: 'mean'; normalize: boolean },
) => Promise<{ dims: number[]; data: Float32Array }>;

/**
 * Pipelines per `<resolved model>|<quantized>|<cache dir>|<allowRemote>` (one per process for the same
 * settings; a later call's `onProgress` is not used); filled lazily, failed loads are forgotten.
 */
const pipelines = new Map<string, Promise<Extractor>>();
/** transformers.js `env` is global: pipeline creations run one at a time. */
let envLock: Promise<unknown> = Promise.resolve();

async function reachable(url: string): Promise<string | null> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS) });
    return null;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return cause ?? (err instanceof Error ? err.message : String(err));
  }
}

async function loadPipeline(opts: TransformersEmbedderOptions, quantized: boolean): Promise<Extractor> {
  const { env, pipeline } = await import('@xenova/transformers');
  const folder = localFolder(opts.model);
  let name: string;
  if (folder) {
    const missing = missingFiles(folder, quantized);
    if (missing.length > 0) {
      throw new ModelUnavailableError(opts.model, `model folder "${folder}" is missing ${missing.join(', ')}: ${howToFix(quantized)}`);
    }
    env.localModelPath = `${path.dirname(folder)}${path.sep}`;
    env.allowRemoteModels = false;
    name = path.basename(folder);
  } else {
    const cacheDir = path.resolve(opts.cacheDir);
    env.cacheDir = cacheDir;
    env.localModelPath = `${cacheDir}${path.sep}`;
    name = opts.model;
    if (isModelAvailableLocally(opts.model, cacheDir, quantized)) {
      env.allowRemoteModels = false;
    } else if (!opts.allowRemote) {
      throw new ModelUnavailableError(
        opts.model,
        `model "${opts.model}" is not available offline (not in ${cacheDir}): ${howToFix(quantized)}`,
      );
    } else {
      const problem = await reachable(env.remoteHost);
      if (problem !== null) {
        throw new ModelUnavailableError(
          opts.model,
          `model "${opts.model}" is not in ${cacheDir} and ` +
            `${env.remoteHost} is unreachable (${problem}): ${howToFix(quantized, true)}`,
        );
      }
      env.allowRemoteModels = true;
    }
  }
  env.allowLocalModels = true;
  try {
    const extractor = await pipeline('feature-extraction', name, {
      quantized,
      progress_callback: opts.onProgress,
    });
    return extractor as unknown as Extractor;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/not found locally|fetch failed|Could not locate file|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/i.test(msg)) {
      throw new ModelUnavailableError(
        opts.model,
        `model "${opts.model}" could not be loaded (${msg}): ${howToFix(quantized, env.allowRemoteModels)}`,
        { cause: err },
      );
    }
    throw err;
  }
}

function getPipeline(opts: TransformersEmbedderOptions, quantized: boolean): Promise<Extractor> {
  const key = `${localFolder(opts.model) ?? opts.model}|${quantized}|${path.resolve(opts.cacheDir)}|${opts.allowRemote}`;
  let promise = pipelines.get(key);
  if (!promise) {
    promise = envLock.then(() => loadPipeline(opts, quantized));
    envLock = promise.catch(() => undefined);
    pipelines.set(key, promise);
    promise.catch(() => pipelines.delete(key));
  }
  return promise;
}

/**
 * Creates (or reuses, one per model+quantized per process) a transformers.js embedder and embeds a
 * probe string to learn the vector size. Nothing is loaded before the first call.
 * Vectors are mean-pooled over tokens and have L2 norm 1.
 * @throws ModelUnavailableError when the model is not local/cached and downloads are off or the hub is unreachable (fails within ~3 s).
 * @throws RangeError when batchSize is not a positive integer.
 */
export async function createTransformersEmbedder(opts: TransformersEmbedderOptions): Promise<Embedder> {
  const quantized = opts.quantized ?? true;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const isE5 = /e5/i.test(opts.model);
  const queryPrefix = opts.queryPrefix ?? (isE5 ? 'query: ' : '');
  const passagePrefix = opts.passagePrefix ?? (isE5 ? 'passage: ' : '');
  const extractor = await getPipeline(opts, quantized);

  const embed = async (texts: string[], prefix: string): Promise<number[][]> => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      const batch = texts.slice(i, i + batchSize).map((t) => prefix + t);
      const tensor = await extractor(batch, { pooling: 'mean', normalize: true });
      const dims = tensor.dims[tensor.dims.length - 1];
      for (let row = 0; row < batch.length; row++) {
        out.push(Array.from(tensor.data.subarray(row * dims, (row + 1) * dims)));
      }
    }
    return out;
  };

  const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
  const dims = probe.dims[probe.dims.length - 1];

  return {
    id: TRANSFORMERS_EMBEDDER_ID,
    dims,
    settings: { model: opts.model, quantized, pooling: 'mean', normalize: true, queryPrefix, passagePrefix },
    embedQueries: (texts) => embed(texts, queryPrefix),
    embedPassages: (texts) => embed(texts, passagePrefix),
  };
}
