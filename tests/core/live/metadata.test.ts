/**
 * Opening a live model: the ONNX file check and the `laudnet` metadata validated against the
 * architectures. Bad input (issue 15): a non-ONNX file, an ONNX without the metadata, a model for another
 * input size, a model too large for memory, inconsistent S/G, blocks of another network — each with its
 * message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSessionNames,
  liveOutputNames,
  parseLiveMetadata,
  parseLiveModel,
  readOnnxInfo,
} from '../../../core/live';
import { metadataOf, withMetadata } from './onnxBytes';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'onnx');
const model = new Uint8Array(readFileSync(join(fixtures, 'tiny-mixed.onnx')));
const meta0 = metadataOf(model);
const edited = (patch: (m: Record<string, unknown>) => void) => {
  const m = structuredClone(meta0);
  patch(m);
  return JSON.stringify(m);
};

describe('readOnnxInfo / parseLiveModel', () => {
  it('reads the fixture: ONNX structure, opset, metadata, configuration', () => {
    const info = readOnnxInfo(model);
    if (!info.ok) throw new Error(info.error);
    expect(info.info.opsets['']).toBe(17);
    expect(info.info.producerName).toBe('laudmask-export');
    const parsed = parseLiveModel(model);
    if (!parsed.ok) throw new Error(parsed.error);
    const { meta } = parsed;
    expect(meta.arch.id).toBe('resnet50');
    expect(meta.modes).toEqual(['spatial', 'spatial', 'spatial+channel', 'layer']);
    expect(meta.config.spatialGranularity).toEqual([4, 4, 2, 7]);
    expect(meta.inputShape).toEqual([1, 3, 224, 224]);
    expect(meta.preprocessing).toEqual({
      resizeShorter: 256,
      crop: 224,
      resample: 'pil-bilinear',
      scale: 1 / 255,
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
    });
    expect(meta.weights).toBe('checkpoint');
    expect(meta.blocks).toHaveLength(16);
    expect(meta.blocks[8]!.outputs).toEqual({
      spatial: 'stage3/1/spatial',
      spatial_logit: 'stage3/1/spatial_logit',
      conv2: 'stage3/1/conv2',
      conv1: 'stage3/1/conv1',
      channel: 'stage3/1/channel',
    });
    expect(liveOutputNames(meta)[0]).toBe('logits');
    expect(liveOutputNames(meta)).toHaveLength(71);
  });

  it('refuses a file that is not ONNX', () => {
    const png = new Uint8Array(readFileSync(join(fixtures, 'image.png')));
    for (const bytes of [
      png,
      new TextEncoder().encode('{"format": "laudnet-live"}'),
      Uint8Array.from([8, 7, 0x3a]),
    ]) {
      const r = parseLiveModel(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('not-onnx');
        expect(r.error).toMatch(
          /^This is not an ONNX model \(.+\): open a \.onnx file exported with tools\/laudmask-export --onnx\.$/,
        );
      }
    }
    expect(parseLiveModel(new Uint8Array(0))).toEqual({
      ok: false,
      code: 'empty',
      error: 'The model file is empty.',
    });
  });

  it('refuses an ONNX model without the LAUDNet metadata', () => {
    const r = parseLiveModel(withMetadata(model, {}));
    expect(r).toEqual({
      ok: false,
      code: 'metadata-missing',
      error:
        'This ONNX model has no LAUDNet metadata (key "laudnet"), so its masks cannot be mapped to blocks: export it with tools/laudmask-export/export.py --onnx, which stores the configuration.',
    });
    // Another key only: still none of ours.
    const other = parseLiveModel(withMetadata(model, { author: 'someone' }));
    expect(other.ok || other.code).toBe('metadata-missing');
  });

  it('refuses a model too large for memory, before reading it', () => {
    const r = parseLiveModel(model, { maxBytes: 100_000 });
    expect(r).toEqual({
      ok: false,
      code: 'too-large',
      error:
        'The model is 0.4 MB; models over 0.1 MB are refused because they would not fit in memory here. Export it with --fp16 (half the size).',
    });
  });

  it('refuses a model for another input size', () => {
    const text = edited((m) => {
      (m.input as Record<string, unknown>).size = 320;
      (m.input as Record<string, unknown>).crop = 320;
      (m.input as Record<string, unknown>).shape = [1, 3, 320, 320];
    });
    const r = parseLiveModel(withMetadata(model, { laudnet: text }));
    expect(r).toEqual({
      ok: false,
      code: 'input-size',
      error:
        'The model takes 320×320 images (input shape [1, 3, 320, 320], crop 320); ResNet-50 here takes 1×3×224×224. Export it for 224×224 input.',
    });
  });

  it('refuses inconsistent S and G, unknown architectures and blocks of another network', () => {
    const cases: [(m: Record<string, unknown>) => void, string, RegExp][] = [
      [
        (m) => ((m.model as Record<string, unknown>).mask_spatial_granularity = [3, 4, 2, 1]),
        'bad-config',
        /mask_spatial_granularity 3 of stage 1 does not divide its resolution 56 \(valid: 1, 2, 4, 7, 8, 14, 28, 56\)/,
      ],
      [
        (m) => ((m.model as Record<string, unknown>).channel_dyn_granularity = [2, 2, 5, 2]),
        'bad-config',
        /channel_dyn_granularity 5 of stage 3 does not divide its width 256/,
      ],
      [
        (m) => ((m.model as Record<string, unknown>).arch = 'uni_resnet18'),
        'unknown-arch',
        /^The model is a "uni_resnet18", which this app does not know \(known: .*uni_resnet50.*\)\.$/,
      ],
      [
        (m) => (m.blocks = (m.blocks as unknown[]).slice(0, 10)),
        'blocks',
        /^The model's metadata lists 10 blocks; ResNet-50 has 16/,
      ],
      [
        (m) => (m.format = 'something-else'),
        'wrong-format',
        /format "something-else", expected "laudnet-live"/,
      ],
      [(m) => (m.version = 7), 'wrong-version', /version 7: this app reads version 1/],
      [
        (m) => delete (m.blocks as { outputs: Record<string, string> }[])[8]!.outputs.channel,
        'outputs',
        /block stage3\/1 no "channel" output, but every both block has one/,
      ],
    ];
    for (const [patch, code, message] of cases) {
      const r = parseLiveMetadata(edited(patch));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe(code);
        expect(r.error).toMatch(message);
      }
    }
    const bad = parseLiveMetadata('{not json');
    expect(bad.ok || bad.code).toBe('metadata-json');
  });

  it('checks the session names against the metadata', () => {
    const parsed = parseLiveModel(model);
    if (!parsed.ok) throw new Error(parsed.error);
    const names = liveOutputNames(parsed.meta);
    expect(checkSessionNames(parsed.meta, ['input'], names)).toBeNull();
    expect(checkSessionNames(parsed.meta, ['x'], names)).toBe(
      'The model\'s metadata names its input "input", but the graph\'s inputs are x.',
    );
    expect(checkSessionNames(parsed.meta, ['input'], names.slice(0, 5))).toMatch(
      /^The model's graph lacks 66 outputs its metadata names \(stage1\/1\/spatial, stage1\/1\/spatial_logit, stage1\/1\/conv2, …\)\.$/,
    );
  });
});
