import { describe, expect, it } from 'vitest';
import {
  NO_TRAINING_FLAGS_NOTE,
  transformerConfigJson,
} from '../../../renderer/src/transformer/exportConfig';
import {
  defaultTfConfig,
  type TfUiConfig,
  withRate,
} from '../../../renderer/src/transformer/tfConfig';

const v100 = { kind: 'preset' as const, id: 'v100', overrides: {} };

const inMode = (model: TfUiConfig['model'], mode: TfUiConfig['mode']): TfUiConfig => ({
  ...defaultTfConfig(model),
  mode,
});

describe('transformer configuration export', () => {
  it('writes the predict --input keys: a number when uniform, a dash-joined list per block', () => {
    let c = inMode('t2t_vit_7', 'combined');
    c = withRate(c, 'token', null, 0.5);
    c = withRate(c, 'attn', 2, 0);
    const json = transformerConfigJson(c, v100);
    expect(json).toEqual({
      model: 't2t_vit_7',
      hardware: 'v100',
      mode: 'combined',
      tokenRate: 0.5,
      headRate: 1,
      attnRate: '1-1-0-1-1-1-1',
      mlpRate: 1,
      batchConvention: 'in_shapes',
    });
  });

  it('writes 1 for the rates a mode switches off', () => {
    let c = inMode('t2t_vit_19', 'head');
    c = withRate(c, 'token', null, 0.3);
    c = withRate(c, 'head', null, 2 / 7);
    const json = transformerConfigJson(c, v100);
    expect(json.tokenRate).toBe(1);
    expect(json.headRate).toBe(2 / 7);
  });

  it('says that there are no training flags for the transformer', () => {
    expect(NO_TRAINING_FLAGS_NOTE).toMatch(/no reference training flags/);
    expect(NO_TRAINING_FLAGS_NOTE).toMatch(/AdaViT/);
  });
});
