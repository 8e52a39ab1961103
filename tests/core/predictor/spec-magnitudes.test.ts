// The presets whose vectors are held back (3090, 3060, nano): the spec's own magnitudes (§5.7), given to
// 3–4 significant digits, checked against an implementation of the spec rather than the data.
import { describe, expect, it } from 'vitest';
import { findBuiltinArchitecture } from '../../../core/arch';
import {
  createPredictor,
  predictNetwork,
  predictStaticLatency,
  resolveHardware,
  uniformRates,
  type StageMode,
} from '../../../core/predictor';

const resnet50 = findBuiltinArchitecture('resnet50')!;
const all = <T>(v: T): T[] => [v, v, v, v];

/** Relative agreement to the number of significant digits quoted. */
function expectQuoted(actual: number, quoted: number, digits: number): void {
  const tol = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(quoted))) - digits + 1);
  expect(Math.abs(actual - quoted)).toBeLessThanOrEqual(tol * 1.0000001);
}

describe('spec §5.7 magnitudes', () => {
  it('static ResNet-50 totals on every paper preset', () => {
    const s = (hw: string) => predictStaticLatency(createPredictor(resolveHardware(hw)), resnet50);
    expectQuoted(s('v100'), 0.11621, 5);
    expectQuoted(s('3090'), 0.0992, 3);
    expectQuoted(s('3060'), 0.1462, 4);
    expectQuoted(s('tx2'), 0.01723, 4);
    expectQuoted(s('nano'), 0.04498, 4);
  });

  it('static totals of the other models on V100 and TX2', () => {
    const s = (hw: string, model: string) =>
      predictStaticLatency(createPredictor(resolveHardware(hw)), findBuiltinArchitecture(model)!);
    expectQuoted(s('v100', 'resnet101'), 0.2147, 4);
    expectQuoted(s('tx2', 'resnet101'), 0.03224, 4);
    expectQuoted(s('v100', 'regnety004'), 0.02334, 4);
    expectQuoted(s('tx2', 'regnety004'), 0.00365, 3);
    expectQuoted(s('v100', 'regnety008'), 0.03675, 4);
    expectQuoted(s('tx2', 'regnety008'), 0.00541, 3);
  });

  it('ResNet-50 ratios at rate 0.5', () => {
    const ratio = (hw: string, mode: StageMode, g: number[]) =>
      predictNetwork(createPredictor(resolveHardware(hw)), {
        arch: resnet50,
        modes: all(mode),
        granularity: g,
        channelGranularity: all(1),
        rates: uniformRates(resnet50, 0.5),
      }).ratio;
    expectQuoted(ratio('v100', 'spatial', [1, 1, 1, 1]), 1.324, 4);
    expectQuoted(ratio('v100', 'spatial', [4, 4, 2, 1]), 0.858, 3);
    expectQuoted(ratio('v100', 'spatial', [7, 7, 7, 7]), 0.766, 3);
    expectQuoted(ratio('v100', 'layer', [56, 28, 14, 7]), 0.586, 3);
    // Channel values in the spec are the official Monte-Carlo estimates (seed 0); the exact expectation
    // differs from them by up to 1.9e-3 relative (reference README), so compare at that tolerance.
    expect(Math.abs(ratio('v100', 'channel', [1, 1, 1, 1]) / 0.592 - 1)).toBeLessThan(2e-3);
    expectQuoted(ratio('tx2', 'spatial', [1, 1, 1, 1]), 0.708, 3);
    expectQuoted(ratio('tx2', 'spatial', [4, 4, 2, 1]), 0.697, 3);
    expectQuoted(ratio('tx2', 'spatial', [7, 7, 7, 7]), 0.809, 3);
    expectQuoted(ratio('tx2', 'layer', [56, 28, 14, 7]), 0.575, 3);
    expect(Math.abs(ratio('tx2', 'channel', [1, 1, 1, 1]) / 0.541 - 1)).toBeLessThan(2e-3);
  });
});
