import { describe, expect, it } from 'vitest';
import { HARDWARE_PRESETS } from '../../../core/predictor/hardware';
import {
  analyzeTransformer,
  transformerCurves,
  transformerHardwareRows,
} from '../../../renderer/src/transformer/tfCompute';
import {
  defaultTfConfig,
  type TfUiConfig,
  withRate,
} from '../../../renderer/src/transformer/tfConfig';
import { referenceRow, refMsPerImage } from './refRows';

const v100 = HARDWARE_PRESETS.find((p) => p.id === 'v100')!.params;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const inMode = (model: TfUiConfig['model'], mode: TfUiConfig['mode']): TfUiConfig => ({
  ...defaultTfConfig(model),
  mode,
});

describe('transformer views data', () => {
  it('static T2T-ViT-19 per image: the reference rows (2.2036 ms on V100)', () => {
    const p = analyzeTransformer(defaultTfConfig('t2t_vit_19'), v100);
    const ref = refMsPerImage(referenceRow('t2t_vit_19', 'v100', 'in_shapes', 'static'));
    expect(rel(p.latencyMsPerImage, ref)).toBeLessThan(1e-12);
    expect(p.latencyMsPerImage.toFixed(4)).toBe('2.2036');
  });

  it('curves: token samples equal the reference, the current point is the prediction', () => {
    let c = inMode('t2t_vit_19', 'token');
    c = withRate(c, 'token', null, 0.5);
    const set = transformerCurves(c, v100);
    const token = set.curves.find((x) => x.paradigm === 'token')!;
    for (const rate of [0.25, 0.5, 0.75, 1]) {
      const ref = refMsPerImage(
        referenceRow('t2t_vit_19', 'v100', 'in_shapes', 'token', {
          token_rate: String(rate === 1 ? '1.0' : rate),
        }),
      );
      expect(rel(token.points.find((p) => p.rate === rate)!.msPerImage, ref)).toBeLessThan(1e-12);
    }
    expect(token.current?.rate).toBe(0.5);
    expect(token.current?.uniform).toBe(true);
    // Head curve: one point per k/H, k = 1 … 7; off in token mode, so no current point there.
    const head = set.curves.find((x) => x.paradigm === 'head')!;
    expect(head.points.map((p) => p.rate)).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => k / 7));
    expect(head.current).toBeNull();
    expect(set.curves.find((x) => x.paradigm === 'mlp')!.points).toHaveLength(21);
  });

  it('head curve of a static configuration is the reference head mode', () => {
    const set = transformerCurves(defaultTfConfig('t2t_vit_19'), v100);
    const head = set.curves.find((x) => x.paradigm === 'head')!;
    const ref = refMsPerImage(
      referenceRow('t2t_vit_19', 'v100', 'in_shapes', 'head', { head_rate: '0.42857142857142855' }),
    );
    expect(rel(head.points[2]!.msPerImage, ref)).toBeLessThan(1e-12);
  });

  it('hardware rows: static per image on 3060 and TX2 are the reference rows', () => {
    const rows = transformerHardwareRows(defaultTfConfig('t2t_vit_19'));
    expect(rows.map((r) => r.id)).toEqual(HARDWARE_PRESETS.map((p) => p.id));
    for (const [id, shown] of [
      ['3060', '3.4156'],
      ['tx2', '44.385'],
    ] as const) {
      const row = rows.find((r) => r.id === id)!;
      const ref = refMsPerImage(referenceRow('t2t_vit_19', id, 'in_shapes', 'static'));
      expect(rel(row.staticMsPerImage, ref)).toBeLessThan(1e-12);
      expect(row.staticMsPerImage.toPrecision(5)).toBe(shown);
      expect(row.ratio).toBe(1);
    }
  });

  it('refuses a configuration the official code cannot evaluate', () => {
    const c = withRate(inMode('t2t_vit_19', 'token'), 'token', null, 0.004);
    expect(() => analyzeTransformer(c, v100)).toThrow(/token/i);
  });
});
