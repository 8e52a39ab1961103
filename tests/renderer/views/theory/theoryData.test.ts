import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import type { ConfigStageMode, StudioConfig } from '../../../../core/config/schema';
import { explainGap, theoryOf } from '../../../../renderer/src/views/theory/theoryData';
import { analyze } from '../../../../renderer/src/worker/analysis';

function withMode(config: StudioConfig, mode: ConfigStageMode, rate: number): StudioConfig {
  return { ...config, stages: config.stages.map((s) => ({ ...s, mode, rate })) };
}

describe('theoryOf', () => {
  it('pairs each block’s FLOPs reduction with its latency reduction', () => {
    const analysis = analyze(defaultConfig('resnet50', 'v100'));
    const theory = theoryOf(analysis);
    expect(theory.blocks.map((b) => b.key)).toEqual(analysis.prediction.blocks.map((b) => b.key));
    theory.blocks.forEach((point, i) => {
      const b = analysis.prediction.blocks[i]!;
      const f = analysis.flops.blocks.find((x) => x.key === b.key)!;
      expect(point.latencyReduction).toBeCloseTo(1 - b.latencyS / b.staticLatencyS, 12);
      expect(point.flopsReduction).toBeCloseTo(1 - f.dynamicMacs.total / f.staticMacs.total, 12);
    });
    expect(theory.network.flopsReduction).toBeCloseTo(1 - analysis.flopsRatio, 12);
    expect(theory.network.latencyReduction).toBeCloseTo(1 - analysis.prediction.ratio, 12);
  });

  it('sums stages over their blocks', () => {
    const analysis = analyze(defaultConfig('resnet101', 'v100'));
    const stage3 = theoryOf(analysis).stages[2]!;
    const blocks = analysis.prediction.blocks.filter((b) => b.stage === 2);
    expect(blocks.length).toBe(23);
    const dyn = blocks.reduce((s, b) => s + b.latencyS, 0);
    const stat = blocks.reduce((s, b) => s + b.staticLatencyS, 0);
    expect(stage3.latencyReduction).toBeCloseTo(1 - dyn / stat, 12);
    expect(stage3.modes).toEqual(['spatial']);
  });

  it('puts a static network at the origin', () => {
    const theory = theoryOf(analyze(withMode(defaultConfig('resnet50', 'v100'), 'static', 1)));
    for (const p of [...theory.blocks, theory.network]) {
      expect(p.flopsReduction).toBeCloseTo(0, 12);
      expect(p.latencyReduction).toBeCloseTo(0, 12);
    }
  });
});

describe('explainGap', () => {
  it('says a static network changes nothing', () => {
    const text = explainGap(
      analyze(withMode(defaultConfig('resnet50', 'v100'), 'static', 1)),
      'add',
    );
    expect(text).toMatch(/static/);
  });

  it('says latency rises (never "falls less") when it rises, and blames memory traffic and overheads', () => {
    // Spatial S = 1 on V100 is slower than static (spec §5.7: ratio 1.324) while it halves the FLOPs.
    const base = defaultConfig('resnet50', 'v100');
    const config = { ...base, stages: base.stages.map((s) => ({ ...s, spatialGranularity: 1 })) };
    const analysis = analyze(config);
    expect(analysis.prediction.ratio).toBeGreaterThan(1);
    const text = explainGap(analysis, 'add');
    expect(text).toMatch(/^FLOPs −\d+ %, latency \+\d+ %: latency rises while FLOPs fall because/);
    expect(text).not.toMatch(/falls (by )?less/);
    expect(text).toMatch(/memory traffic \(\d+ % of the dynamic blocks' time\)/);
    expect(text).toMatch(/maskers, gather\/scatter-add and kernel launches/);
  });

  it('says latency falls by less than FLOPs when both fall but latency less', () => {
    const base = defaultConfig('resnet50', 'v100');
    const config = { ...base, targetRate: 0.4 };
    const analysis = analyze(config);
    expect(analysis.prediction.ratio).toBeLessThan(1);
    expect(1 - analysis.prediction.ratio).toBeLessThan(1 - analysis.flopsRatio - 0.02);
    expect(explainGap(analysis, 'add')).toMatch(
      /^FLOPs −\d+ %, latency −\d+ %: latency falls by less than FLOPs because/,
    );
  });
});
