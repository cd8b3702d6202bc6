import { describe, expect, it } from 'vitest';
import { createModelProgressHandler, createProgressBar } from '../../src/embedding/progress.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: {
      isTTY,
      columns: 100,
      write: (c: string) => {
        chunks.push(c);
        return true;
      },
    },
  };
}
const MB = 1024 * 1024;

describe('createProgressBar', () => {
  it('prints nothing on a non-TTY stream', () => {
    const { chunks, stream } = fakeStream(false);
    const bar = createProgressBar(stream, 'model');
    bar.update(5 * MB, 10 * MB);
    bar.update(10 * MB, 10 * MB);
    bar.done();
    expect(chunks).toEqual([]);
  });

  it('draws a single line with percentage, MB and ETA on a TTY', () => {
    const { chunks, stream } = fakeStream(true);
    const bar = createProgressBar(stream, 'model');
    bar.update(5 * MB, 20 * MB);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^\rmodel \[/);
    expect(chunks[0]).toContain('25%');
    expect(chunks[0]).toContain('5.0/20.0 MB');
    expect(chunks[0]).toContain('ETA');
    expect(chunks[0]).not.toContain('\n');
    bar.update(20 * MB, 20 * MB); // completion always redraws
    expect(chunks.at(-1)).toContain('100%');
    bar.done();
    bar.done();
    expect(chunks.at(-1)).toBe('\n');
    expect(chunks.filter((c) => c === '\n')).toHaveLength(1);
  });

  it('shows only MB when the total is unknown', () => {
    const { chunks, stream } = fakeStream(true);
    createProgressBar(stream, 'x').update(3 * MB, 0);
    expect(chunks[0]).toBe('\rx 3.0 MB');
  });
});

describe('createModelProgressHandler', () => {
  it('sums progress events over files and finishes on ready', () => {
    const { chunks, stream } = fakeStream(true);
    const onProgress = createModelProgressHandler(stream, 'dl');
    onProgress({ status: 'initiate', file: 'config.json' });
    onProgress({ status: 'progress', file: 'onnx/model_quantized.onnx', loaded: 30 * MB, total: 30 * MB });
    onProgress({ status: 'progress', file: 'tokenizer.json', loaded: 10 * MB, total: 10 * MB });
    expect(chunks.at(-1)).toContain('40.0/40.0 MB');
    expect(chunks.at(-1)).toContain('100%');
    onProgress({ status: 'ready', task: 'feature-extraction' });
    expect(chunks.at(-1)).toBe('\n');
  });

  it('prints nothing on a non-TTY stream', () => {
    const { chunks, stream } = fakeStream(false);
    const onProgress = createModelProgressHandler(stream);
    onProgress({ status: 'progress', file: 'a', loaded: 1, total: 2 });
    onProgress.finish();
    expect(chunks).toEqual([]);
  });
});
