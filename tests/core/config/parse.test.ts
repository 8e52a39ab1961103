import { describe, expect, it } from 'vitest';
import { defaultConfig, migrateConfig, parseConfig, serializeConfig } from '../../../core/config';
import type { StudioConfig } from '../../../core/config';

/** The default configuration as a loosely typed document, to break on purpose. */
type Doc = Record<string, unknown> & {
  stages: Record<string, unknown>[];
  model: Record<string, unknown>;
  hardware: Record<string, unknown>;
};

function withEdit(edit: (doc: Doc) => void): string {
  const doc = JSON.parse(serializeConfig(defaultConfig())) as Doc;
  edit(doc);
  return JSON.stringify(doc);
}

function expectError(text: string, ...fragments: string[]) {
  const res = parseConfig(text);
  expect(res.ok).toBe(false);
  if (!res.ok) for (const f of fragments) expect(res.error).toContain(f);
}

describe('parseConfig / serializeConfig', () => {
  it('parse ∘ serialize is the identity on every built-in default', () => {
    for (const id of ['resnet50', 'resnet101', 'regnety004', 'regnety008']) {
      for (const hw of ['v100', 'tx2']) {
        const c = defaultConfig(id, hw);
        const res = parseConfig(serializeConfig(c));
        expect(res).toEqual({ ok: true, config: c });
      }
    }
  });

  it('serialisation is stable: key order and block order do not depend on insertion order', () => {
    const a: StudioConfig = {
      ...defaultConfig(),
      blockRates: { 'stage3/1': 0.2, 'stage1/0': 0.9, 'stage3/0': 0.1 },
    };
    const b: StudioConfig = {
      ...defaultConfig(),
      blockRates: { 'stage1/0': 0.9, 'stage3/0': 0.1, 'stage3/1': 0.2 },
    };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as StudioConfig;
    expect(serializeConfig(a)).toBe(serializeConfig(b));
    expect(serializeConfig(reordered)).toBe(serializeConfig(b));
    expect(serializeConfig(a).indexOf('"stage1/0"')).toBeLessThan(
      serializeConfig(a).indexOf('"stage3/0"'),
    );
    expect(
      serializeConfig(a).startsWith('{\n  "format": "laudnet-studio-config",\n  "version": 1,'),
    ).toBe(true);
  });

  it('accepts an already-parsed object', () => {
    expect(parseConfig(defaultConfig()).ok).toBe(true);
  });

  it('rejects malformed JSON', () => {
    expectError('{"format": "laudnet-studio-config",', 'not valid JSON');
  });

  it('rejects a wrong format, a missing version and a newer version', () => {
    expectError(
      withEdit((d) => (d.format = 'something-else')),
      'format',
      'laudnet-studio-config',
    );
    expectError(
      withEdit((d) => delete d.version),
      'version',
    );
    expectError(
      withEdit((d) => (d.version = 2)),
      'version',
      'newer',
    );
  });

  it('rejects unknown fields by path', () => {
    expectError(
      withEdit((d) => (d.stages[1]!.dropRate = 0.1)),
      'stages[1]',
      'dropRate',
    );
    expectError(
      withEdit((d) => (d.extra = true)),
      'extra',
    );
  });

  it('names the path of a wrong type or out-of-range rate', () => {
    expectError(
      withEdit((d) => (d.stages[2]!.rate = 1.5)),
      'stages[2].rate',
      'between 0 and 1',
    );
    expectError(
      withEdit((d) => (d.targetRate = '0.5')),
      'targetRate',
    );
    expectError(
      withEdit((d) => (d.stages[0]!.mode = 'dynamic')),
      'stages[0].mode',
      'spatial+channel',
    );
  });

  it('rejects invalid S and G with the valid values', () => {
    expectError(
      withEdit((d) => (d.stages[1]!.spatialGranularity = 3)),
      'stages[1].spatialGranularity',
      '1, 2, 4, 7, 14, 28',
    );
    expectError(
      withEdit((d) => (d.stages[0]!.channelGroupSize = 65)),
      'stages[0].channelGroupSize',
      '1, 2, 4, 8, 16, 32, 64',
    );
  });

  it('accepts a G that does not divide m (the latency model is defined; trainability is checked apart)', () => {
    const text = withEdit((d) => (d.stages[0]!.channelGroupSize = 3));
    expect(parseConfig(text).ok).toBe(true);
  });

  it('rejects unknown block keys, unknown models and unknown hardware', () => {
    expectError(
      withEdit((d) => (d.blockRates = { 'stage2/4': 0.5 })),
      'blockRates["stage2/4"]',
      'stage2/0 to stage2/3',
    );
    expectError(
      withEdit((d) => (d.blockRates = { 'stage5/0': 0.5 })),
      'stage 5',
      '1 to 4',
    );
    expectError(
      withEdit((d) => (d.blockRates = { 'stage1/00': 0.5 })),
      'stage1/00',
    );
    expectError(
      withEdit((d) => (d.model.id = 'vgg16')),
      'model.id',
      'resnet50',
    );
    expectError(
      withEdit((d) => (d.hardware.id = 'k80')),
      'hardware.id',
      'v100',
    );
    expectError(
      withEdit((d) => (d.hardware.overrides = { batchSize: -1 })),
      'hardware.overrides',
      'batchSize',
    );
  });

  it('rejects a stage list of the wrong length and an input size that does not fit', () => {
    expectError(
      withEdit((d) => void d.stages.pop()),
      'stages',
      '4 stages',
    );
    expectError(
      withEdit((d) => (d.inputSize = 20)),
      'inputSize',
      'outside 32 to 4096',
    );
    expectError(
      withEdit((d) => (d.inputSize = '800y1333' as unknown as number)),
      'inputSize',
      '"HxW"',
    );
    expectError(
      withEdit((d) => (d.inputSize = [800, 1333.5] as unknown as number)),
      'inputSize',
      'width: 1333.5 is not a whole number',
    );
  });

  it('reads non-square input sizes liberally and writes [height, width]', () => {
    for (const given of ['800x1333', '800 × 1333', [800, 1333], { height: 800, width: 1333 }]) {
      const res = parseConfig(
        withEdit((d) => {
          d.inputSize = given;
          d.stages[1]!.spatialGranularity = 4; // 100×167: partial border patches on the width
        }),
      );
      expect(res.ok, JSON.stringify(given)).toBe(true);
      if (!res.ok) continue;
      expect(res.config.inputSize).toEqual([800, 1333]);
      const again = parseConfig(serializeConfig(res.config));
      expect(again.ok && again.config.inputSize).toEqual([800, 1333]);
    }
    // A square size given as a pair is stored as a number; any side works (conv arithmetic).
    const square = parseConfig(withEdit((d) => (d.inputSize = '200x200' as unknown as number)));
    expect(square.ok && square.config.inputSize).toBe(200);
    // At a detection size S may leave partial patches, but not exceed the map (stage 4: 25×42).
    expectError(
      withEdit((d) => {
        d.inputSize = [800, 1333];
        d.stages[3]!.spatialGranularity = 43;
      }),
      'stages[3].spatialGranularity',
      '25×42',
    );
  });

  it('supports another input size (stage resolutions follow)', () => {
    const res = parseConfig(
      withEdit((d) => {
        d.inputSize = 256;
        d.stages[3]!.spatialGranularity = 8; // the last map is 8×8 at 256
        d.stages[2]!.spatialGranularity = 4;
      }),
    );
    expect(res.ok).toBe(true);
  });
});

describe('migrateConfig', () => {
  it('passes a version-1 document through unchanged', () => {
    const doc = JSON.parse(serializeConfig(defaultConfig())) as Record<string, unknown>;
    expect(migrateConfig(doc)).toEqual({ ok: true, value: doc });
  });

  it('refuses non-objects and fractional versions', () => {
    expect(migrateConfig([]).ok).toBe(false);
    expect(migrateConfig({ format: 'laudnet-studio-config', version: 1.5 }).ok).toBe(false);
  });
});

describe('JSON error positions', () => {
  it('reports line and column of a syntax error', () => {
    const res = parseConfig('{\n  "format": "laudnet-studio-config",\n  "version": 1,,\n}');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/line 3, column 16/);
  });
});
