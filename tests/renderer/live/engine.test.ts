/**
 * The live engine (what the app's worker runs) over onnxruntime-web in Node, on the committed test
 * models: masks equal the Python dump, offsets re-threshold without a rerun, and every bad model is
 * refused with a message while the model already open keeps working.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeRuntime as runtime, readFixture as read, testImages } from './nodeRuntime';
import { decodePng, readMaskDump } from '../../../core/maskfile';
import type { MaskDump } from '../../../core/maskfile/types';
import { createLiveEngine, isOutOfMemory } from '../../../renderer/src/live/engine';
import { metadataOf, withMetadata } from '../../core/live/onnxBytes';

function image() {
  const png = decodePng(read('image.png'));
  if (!png.ok) throw new Error(png.error);
  return png;
}

function pythonDump(): MaskDump {
  const r = readMaskDump(read('tiny-mixed.laudmask.npz'));
  if (!r.ok) throw new Error(r.error);
  return r.dump;
}

function sameMasks(a: MaskDump, b: MaskDump): string[] {
  const problems: string[] = [];
  a.blocks.forEach((block, i) => {
    const other = b.blocks[i]!;
    for (const kind of ['grid', 'conv1', 'conv2'] as const) {
      const x = block[kind]?.data;
      const y = other[kind]?.data;
      if (!x || !y || x.length !== y.length || x.some((v, k) => v !== y[k]))
        problems.push(`${block.key} ${kind}`);
    }
    if (String(block.channel) !== String(other.channel)) problems.push(`${block.key} channel`);
  });
  return problems;
}

describe('live engine (onnxruntime-web in Node)', () => {
  const engine = createLiveEngine(runtime, { maxBytes: 4 * 1024 * 1024 });
  beforeAll(async () => {
    const opened = await engine.open('tiny-mixed.onnx', read('tiny-mixed.onnx'));
    if (!opened.ok) throw new Error(opened.error);
  });

  it('reads the model once and runs an image to the Python dump, cell for cell', async () => {
    expect(engine.meta?.arch.id).toBe('resnet50');
    const png = image();
    const run = await engine.run(png.rgba, png.width, png.height, 'image.png');
    if ('ok' in run) throw new Error(run.error);
    expect(sameMasks(run.dump, pythonDump())).toEqual([]);
    expect(run.dump.origSize).toEqual([png.width, png.height]);
  });

  it('reuses network input buffers without mixing images: two prepared at once, then again', async () => {
    // A second image: the fixture mirrored left to right (other pixels, same size).
    const { plain, mirrored, width, height } = testImages();
    const png = { rgba: plain, width, height };
    const solo = async (rgba: Uint8ClampedArray) => {
      const r = await engine.run(rgba, png.width, png.height, 'solo.png');
      if ('ok' in r) throw new Error(r.error);
      return r.dump;
    };
    const first = await solo(png.rgba);
    const other = await solo(mirrored);
    expect(sameMasks(first, other)).not.toEqual([]);
    // As a batch does: the next image prepared while the previous one has not run yet.
    const a = engine.prepare(png.rgba, png.width, png.height, 'a.png');
    const b = engine.prepare(mirrored, png.width, png.height, 'b.png');
    if ('ok' in a || 'ok' in b) throw new Error('not prepared');
    expect(a.input).not.toBe(b.input);
    const ra = await engine.runPrepared(a);
    const rb = await engine.runPrepared(b);
    if ('ok' in ra || 'ok' in rb) throw new Error('not run');
    expect(sameMasks(ra.dump, first)).toEqual([]);
    expect(sameMasks(rb.dump, other)).toEqual([]);
    expect(sameMasks(await solo(png.rgba), pythonDump())).toEqual([]);
  });

  it('re-thresholds soft scores: a positive block offset keeps fewer cells, only in that block', async () => {
    const png = image();
    const run = await engine.run(png.rgba, png.width, png.height, 'image.png');
    if ('ok' in run) throw new Error(run.error);
    const kept = (d: MaskDump, key: string) =>
      d.blocks.find((b) => b.key === key)!.grid!.data.reduce((n, v) => n + v, 0);
    // A block with some cells kept, so that raising its threshold must drop some.
    const block = run.dump.blocks.find((b) => b.gridScore && kept(run.dump, b.key) > 0)!;
    const shifted = engine.withOffsets(run.dump, { global: 0, perBlock: { [block.key]: 1000 } });
    expect(kept(shifted, block.key)).toBe(0);
    for (const other of run.dump.blocks.filter((b) => b.key !== block.key && b.grid))
      expect(kept(shifted, other.key)).toBe(kept(run.dump, other.key));
    const lowered = engine.withOffsets(run.dump, { global: -1000, perBlock: {} });
    expect(kept(lowered, block.key)).toBe(block.grid!.data.length);
  });

  it('refuses a file that is not ONNX, and keeps the open model', async () => {
    const r = await engine.open('photo.onnx', read('image.png'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/not an ONNX model/i);
    expect(engine.meta?.arch.id).toBe('resnet50');
    const png = image();
    const run = await engine.run(png.rgba, png.width, png.height, 'image.png');
    expect('ok' in run).toBe(false);
  });

  it('refuses an ONNX without LAUDNet metadata, naming the key and the exporter', async () => {
    const r = await engine.open('plain.onnx', withMetadata(read('tiny-mixed.onnx'), {}));
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) {
      expect(r.error).toContain('no LAUDNet metadata (key "laudnet")');
      expect(r.error).toContain('--onnx');
    }
  });

  it('refuses a model for another input size', async () => {
    const model = read('tiny-mixed.onnx');
    const meta = metadataOf(model) as { input: { size: number; shape: number[] } };
    meta.input.size = 256;
    meta.input.shape = [1, 3, 256, 256];
    const r = await engine.open(
      'big-input.onnx',
      withMetadata(model, { laudnet: JSON.stringify(meta) }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/256/);
  });

  it('refuses a model too large for memory, before any runtime sees it', async () => {
    const huge = new Uint8Array(5 * 1024 * 1024);
    const r = await engine.open('huge.onnx', huge);
    expect(r).toEqual({
      ok: false,
      error: 'huge.onnx is too large for memory: 5.0 MB, the app runs models of up to 4.0 MB.',
    });
  });

  it('says "too large for memory" when the runtime cannot allocate the session', async () => {
    const failing = createLiveEngine({
      ...runtime,
      createSession: () => Promise.reject(new RangeError('Array buffer allocation failed')),
    });
    const r = await failing.open('r101.onnx', read('tiny-mixed.onnx'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('r101.onnx is too large for memory');
      expect(r.error).toContain('--fp16');
    }
    expect(isOutOfMemory(new Error('wasm: failed to allocate 400000000 bytes'))).toBe(true);
    expect(isOutOfMemory(new Error('invalid graph'))).toBe(false);
  });
});
