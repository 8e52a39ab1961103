import { describe, expect, it } from 'vitest';
import { resolveHardware, PredictorInputError } from '../../../core/predictor';
import { predictTransformer } from '../../../core/transformer';
import { ErrorTally, num } from '../predictor/reference-data';
import { loadModelVectors, VALUE_COLUMNS } from './vectors';

const vectors = loadModelVectors();

describe('transformer_model_vectors.csv (spec §8, whole T2T-ViT)', () => {
  it('holds the rows its README describes', () => {
    expect(vectors).toHaveLength(2280);
    expect(vectors.filter((v) => v.error !== '')).toHaveLength(205);
  });

  it('reproduces every value row within 1e-12 relative, every column', () => {
    const tally = new ErrorTally();
    for (const v of vectors) {
      if (v.error !== '') continue;
      const pred = predictTransformer(v.config, resolveHardware(v.hardware));
      for (const [col, field] of VALUE_COLUMNS) {
        tally.check(`line ${v.line} ${col}`, pred[field], num(v.row, col), 1e-12);
      }
      tally.check(`line ${v.line} batch`, pred.batchSize, num(v.row, 'batch_size'), 0);
      tally.check(`line ${v.line} b`, pred.shapeBatch, num(v.row, 'shape_batch'), 0);
      tally.check(`line ${v.line} β`, pred.predictorBatch, num(v.row, 'predictor_batch'), 0);
    }
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(tally.compared).toBe(2075 * 10);
  });

  it('refuses every error row with a message naming the valid range', () => {
    let refused = 0;
    for (const v of vectors) {
      if (v.error === '') continue;
      let err: unknown = null;
      try {
        predictTransformer(v.config, resolveHardware(v.hardware));
      } catch (e) {
        err = e;
      }
      expect(err, `line ${v.line}`).toBeInstanceOf(PredictorInputError);
      expect((err as Error).message, `line ${v.line}`).toMatch(
        /valid range is [\d.e-]+ \(one (token|head)/,
      );
      refused++;
    }
    expect(refused).toBe(205);
  });
});
