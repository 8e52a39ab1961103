import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import type { ConfigStageMode, StudioConfig } from '../../../../core/config/schema';
import type { OpReport } from '../../../../core/predictor';
import {
  breakdownData,
  segmentMs,
  type BreakdownData,
} from '../../../../renderer/src/views/breakdown/breakdownData';
import { splitOpTime } from '../../../../renderer/src/views/breakdown/ops';
import { analyze } from '../../../../renderer/src/worker/analysis';

function withMode(config: StudioConfig, mode: ConfigStageMode, rate: number): StudioConfig {
  return { ...config, stages: config.stages.map((s) => ({ ...s, mode, rate })) };
}

function barSum(data: BreakdownData, row: number, side: 'static' | 'dynamic'): number {
  return data.series.filter((s) => s.side === side).reduce((sum, s) => sum + s.values[row]!, 0);
}

/** Every bar's segments add up to the predictor's block latency, in ms per image. */
function expectBarsMatchPrediction(config: StudioConfig, latencyMode: 'add' | 'max') {
  const { prediction } = analyze(config);
  const data = breakdownData(prediction, latencyMode, 'image');
  expect(data.rows.map((r) => r.key)).toEqual(prediction.blocks.map((b) => b.key));
  prediction.blocks.forEach((b, i) => {
    const row = i;
    const staticMs = (b.staticLatencyS * 1000) / prediction.batchSize;
    const dynamicMs = (b.latencyS * 1000) / prediction.batchSize;
    expect(barSum(data, row, 'static')).toBeCloseTo(staticMs, 9);
    expect(barSum(data, row, 'dynamic')).toBeCloseTo(dynamicMs, 9);
  });
  return data;
}

const op = (
  latencyS: number,
  computeS: number | null,
  memoryS: number | null,
  executionRate = 1,
): OpReport => ({
  op: 'conv2',
  latencyS,
  computeS,
  memoryS,
  tile: null,
  launches: 1,
  executionRate,
});

describe('splitOpTime', () => {
  it('adds compute and memory in add mode; the rest is launch overhead', () => {
    expect(splitOpTime(op(10, 3, 5), 'add')).toEqual({
      computeS: 3,
      memoryS: 5,
      unsplitS: 0,
      overheadS: 2,
    });
  });

  it('shows only the larger of compute and memory in max mode', () => {
    expect(splitOpTime(op(10, 3, 5), 'max')).toEqual({
      computeS: 0,
      memoryS: 5,
      unsplitS: 0,
      overheadS: 5,
    });
    expect(splitOpTime(op(10, 6, 5), 'max')).toEqual({
      computeS: 6,
      memoryS: 0,
      unsplitS: 0,
      overheadS: 4,
    });
  });

  it('scales by the execution rate of layer-skipped operators', () => {
    expect(splitOpTime(op(10, 3, 5, 0.5), 'add')).toEqual({
      computeS: 1.5,
      memoryS: 2.5,
      unsplitS: 0,
      overheadS: 1,
    });
  });

  it('keeps latency-only reports unsplit', () => {
    expect(splitOpTime(op(7, null, null), 'add')).toEqual({
      computeS: 0,
      memoryS: 0,
      unsplitS: 7,
      overheadS: 0,
    });
  });

  it('never draws more than the latency', () => {
    const parts = splitOpTime(op(4, 3, 5), 'add');
    expect(parts.computeS + parts.memoryS).toBeCloseTo(4, 12);
    expect(parts.computeS / parts.memoryS).toBeCloseTo(3 / 5, 12);
  });
});

describe('breakdownData', () => {
  it('stacks spatial ResNet-50 blocks to their predicted latencies', () => {
    const data = expectBarsMatchPrediction(defaultConfig('resnet50', 'v100'), 'add');
    expect(data.ops).toEqual(
      expect.arrayContaining([
        'masker+conv1',
        'conv1',
        'conv2',
        'conv3',
        'add',
        'scatter_add',
        'shortcut',
      ]),
    );
    // Compute and memory are separate, distinguishable series.
    expect(
      data.series.some((s) => s.side === 'dynamic' && s.op === 'conv2' && s.part === 'compute'),
    ).toBe(true);
    expect(
      data.series.some((s) => s.side === 'dynamic' && s.op === 'conv2' && s.part === 'memory'),
    ).toBe(true);
  });

  it('counts layer-skipped operators at their execution rate', () => {
    const data = expectBarsMatchPrediction(
      withMode(defaultConfig('resnet50', 'v100'), 'layer', 0.3),
      'add',
    );
    expect(data.ops).toContain('gate');
  });

  it('stacks channel and spatial+channel RegNet blocks (with SE) to their latencies', () => {
    const base = defaultConfig('regnety004', 'tx2');
    expectBarsMatchPrediction(withMode(base, 'channel', 0.6), 'add');
    const data = expectBarsMatchPrediction(withMode(base, 'spatial+channel', 0.4), 'add');
    expect(data.ops).toEqual(expect.arrayContaining(['se', 'channel_masker']));
  });

  it('stacks to the latency when compute and memory overlap (max mode)', () => {
    const base = defaultConfig('resnet50', 'v100');
    const config: StudioConfig = {
      ...base,
      hardware: { kind: 'preset', id: 'v100', overrides: { latencyMode: 'max' } },
    };
    const data = expectBarsMatchPrediction(config, 'max');
    for (let row = 0; row < data.rows.length; row++) {
      for (const o of data.ops) {
        const c = segmentMs(data, row, `dynamic|${o}|compute`);
        const m = segmentMs(data, row, `dynamic|${o}|memory`);
        expect(c === 0 || m === 0).toBe(true);
      }
    }
  });

  it('draws identical static and dynamic bars for a static network', () => {
    const { prediction } = analyze(withMode(defaultConfig('resnet50', 'v100'), 'static', 1));
    const data = breakdownData(prediction, 'add', 'image');
    for (let row = 0; row < data.rows.length; row++)
      expect(barSum(data, row, 'dynamic')).toBeCloseTo(barSum(data, row, 'static'), 12);
  });

  it('is batch-size times larger per batch than per image', () => {
    const { prediction } = analyze(defaultConfig('resnet50', 'v100'));
    const perImage = breakdownData(prediction, 'add', 'image');
    const perBatch = breakdownData(prediction, 'add', 'batch');
    expect(prediction.batchSize).toBe(128);
    perImage.rows.forEach((row, i) => {
      expect(perBatch.rows[i]!.dynamicMs).toBeCloseTo(row.dynamicMs * 128, 9);
      expect(perBatch.rows[i]!.dynamicMs).toBeCloseTo(prediction.blocks[i]!.latencyS * 1000, 9);
    });
  });

  it('hands back the static series of a rate change as they were, and new dynamic ones', () => {
    const base = defaultConfig('resnet50', 'v100');
    const low = breakdownData(analyze({ ...base, targetRate: 0.3 }).prediction, 'add', 'image');
    const high = breakdownData(analyze({ ...base, targetRate: 0.7 }).prediction, 'add', 'image');
    const side = (d: BreakdownData, x: 'static' | 'dynamic') =>
      d.series.filter((s) => s.side === x);
    expect(side(high, 'static').length).toBeGreaterThan(0);
    side(high, 'static').forEach((s, i) => expect(s).toBe(side(low, 'static')[i]));
    const dynamicSum = (d: BreakdownData) =>
      d.rows.reduce((sum, _, i) => sum + barSum(d, i, 'dynamic'), 0);
    expect(dynamicSum(high)).toBeGreaterThan(dynamicSum(low));
  });

  it('splits the static bars for the mode and unit asked, whatever was asked before', () => {
    const base = defaultConfig('resnet50', 'v100');
    const first = analyze({ ...base, targetRate: 0.3 }).prediction;
    const second = analyze({ ...base, targetRate: 0.6 }).prediction;
    const added = breakdownData(first, 'add', 'image');
    // Another rate, then another mode and unit of the same static operators.
    const again = breakdownData(second, 'add', 'image');
    const max = breakdownData(second, 'max', 'image');
    const perBatch = breakdownData(second, 'add', 'batch');
    const staticKeys = added.series.filter((x) => x.side === 'static').map((x) => x.dataKey);
    added.rows.forEach((_, i) => {
      for (const k of staticKeys) {
        expect(segmentMs(again, i, k)).toBe(segmentMs(added, i, k));
        expect(segmentMs(perBatch, i, k)).toBeCloseTo(segmentMs(added, i, k) * 128, 9);
      }
      const staticMs = (second.blocks[i]!.staticLatencyS * 1000) / 128;
      expect(barSum(max, i, 'static')).toBeCloseTo(staticMs, 9);
      for (const o of max.ops) {
        const c = segmentMs(max, i, `static|${o}|compute`);
        const m = segmentMs(max, i, `static|${o}|memory`);
        expect(c === 0 || m === 0).toBe(true);
      }
    });
    // The add-mode static bars split compute and memory both (unlike max mode).
    expect(
      added.rows.some((_, i) =>
        added.ops.some(
          (o) =>
            segmentMs(added, i, `static|${o}|compute`) > 0 &&
            segmentMs(added, i, `static|${o}|memory`) > 0,
        ),
      ),
    ).toBe(true);
  });
});
