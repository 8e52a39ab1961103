import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { toNetworkRequest } from '../../../core/config/request';
import type { StudioConfig } from '../../../core/config/schema';
import { createPredictor, predictNetwork, resolveHardware } from '../../../core/predictor';
import { configFlops } from '../../../core/flops/config';
import type { PinnedConfig } from '../../../renderer/src/store/compareSlice';
import {
  CURVE_RATES,
  blockKeys,
  compareColumns,
} from '../../../renderer/src/views/compare/compareData';
import { compareToCsv, compareToMarkdown } from '../../../renderer/src/views/compare/compareExport';

const pin = (id: number, label: string, config: StudioConfig): PinnedConfig => ({
  id,
  label,
  source: 'file',
  config,
});

function detection(): StudioConfig {
  const c = defaultConfig('resnet101');
  c.inputSize = [800, 1333];
  c.stages = c.stages.map((s) => ({ ...s, mode: 'static' }));
  return c;
}

describe('compare data', () => {
  const base = defaultConfig();
  const layer = defaultConfig();
  layer.stages = layer.stages.map((s) => ({ ...s, mode: 'layer' }));
  const cols = compareColumns([
    pin(1, 'Spatial', base),
    pin(2, 'Layer', layer),
    pin(3, 'Det', detection()),
  ]);

  it('matches the predictor and the FLOPs counter for each pin', () => {
    const p = createPredictor(resolveHardware('v100'));
    expect(cols[0]!.latencyMs).toBe(predictNetwork(p, toNetworkRequest(base)).latencyMsPerImage);
    expect(cols[1]!.flopsRatio).toBe(configFlops(layer).flopsRatio);
    expect(cols[2]!.inputSize).toBe('800×1333');
    expect(cols[2]!.offImageNet).toBe(true);
    expect(cols[0]!.offImageNet).toBe(false);
    expect(cols.every((c) => c.error === null)).toBe(true);
  });

  it('curves: one value per rate; a static pin is flat, a layer pin rises with the rate', () => {
    for (const c of cols) expect(c.curve).toHaveLength(CURVE_RATES.length);
    const det = cols[2]!.curve;
    expect(new Set(det).size).toBe(1);
    const l = cols[1]!.curve;
    expect(l[0]!).toBeLessThan(l[l.length - 1]!);
    // At rate 1 a layer configuration costs more than static (gate overhead), never less.
    expect(l[l.length - 1]!).toBeGreaterThan(cols[1]!.staticMs);
  });

  it('per-preset latency: the pin’s own hardware agrees with its headline number', () => {
    expect(cols[0]!.perPreset.v100).toBe(cols[0]!.latencyMs);
    expect(Object.keys(cols[0]!.perPreset).length).toBeGreaterThanOrEqual(5);
  });

  it('blocks: union of keys in network order, with settings', () => {
    const keys = blockKeys(cols);
    expect(keys).toHaveLength(33); // ResNet-101 has more blocks than ResNet-50 (16)
    expect(keys.slice(0, 4)).toEqual(['stage1/0', 'stage1/1', 'stage1/2', 'stage2/0']);
    expect(keys.indexOf('stage3/10')).toBeGreaterThan(keys.indexOf('stage3/9'));
    expect(cols[0]!.blocks.get('stage1/0')).toMatchObject({ mode: 'spatial', granularity: 'S=4' });
    expect(cols[0]!.blocks.get('stage3/10')).toBeUndefined();
  });

  it('flags partial border patches at 800×1333', () => {
    const c = detection();
    c.stages = c.stages.map((s) => ({ ...s, mode: 'spatial', spatialGranularity: 2 }));
    const [col] = compareColumns([pin(9, 'P', c)]);
    expect(col!.blocks.get('stage1/0')!.partial).toBe(false); // 200×334: both even
    expect(col!.blocks.get('stage2/0')!.partial).toBe(true); // 100×167: 167 = 83·2 + 1
  });

  it('an unusable pin gets an error column instead of breaking the view', () => {
    const bad = defaultConfig();
    bad.model = { kind: 'builtin', id: 'nope' };
    const [col] = compareColumns([pin(5, 'Bad', bad)]);
    expect(col!.error).toMatch(/unknown model 'nope'/);
  });

  it('exports Markdown and CSV with units and every pin', () => {
    const md = compareToMarkdown(cols);
    expect(md).toContain('| quantity | Spatial | Layer | Det |');
    expect(md).toContain('| input size (H×W) | 224×224 | 224×224 | 800×1333 |');
    expect(md).toContain('latency (ms/image)');
    expect(md).toContain('224×224 classification only');
    const csv = compareToCsv(cols).trim().split('\n');
    expect(csv[0]).toBe('configuration,quantity,key,value,unit');
    const latency = csv.find((l) => l.startsWith('Det,latency,'));
    expect(latency).toBe(`Det,latency,,${cols[2]!.latencyMs},ms/image`);
    expect(csv.filter((l) => l.startsWith('Layer,block_latency,'))).toHaveLength(16);
  });
});
