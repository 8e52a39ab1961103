import { describe, expect, it } from 'vitest';
import {
  parseRateList,
  parseSwitchList,
  parseTransformerDocument,
  parseTransformerRequest,
  transformerDocument,
} from '../../../core/config';
import { exportTransformerConfig, TRANSFORMER_TRAINING_NOTE } from '../../../core/export';

describe('transformer request keys (predict --input, documents)', () => {
  it('reads the documented keys; rates as numbers or dash-joined lists; defaults 1 and in_shapes', () => {
    const r = parseTransformerRequest({
      model: 't2t_vit_7',
      hardware: 'v100',
      mode: 'combined',
      tokenRate: '1.0-0.9-0.8-0.7-0.6-0.5-0.4',
      headRate: 0.5,
      layerSkip: '0-1-1-1-1-1-1',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.config).toEqual({
      model: 't2t_vit_7',
      mode: 'combined',
      tokenRate: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
      headRate: [0.5],
      attnRate: [1],
      mlpRate: [1],
      batchConvention: 'in_shapes',
      layerSkip: [false, true, true, true, true, true, true],
    });
    expect(r.value.hardware).toBe('v100');
  });

  it('a dash after an exponent belongs to the number', () => {
    expect(parseRateList('tokenRate', '5e-3-0.5')).toEqual({ ok: true, value: [0.005, 0.5] });
    expect(parseRateList('tokenRate', [0.5, 1])).toEqual({ ok: true, value: [0.5, 1] });
  });

  it('refuses bad values naming the key and the valid values', () => {
    const msg = (v: ReturnType<typeof parseRateList | typeof parseSwitchList>) =>
      v.ok ? '' : v.error;
    expect(msg(parseRateList('headRate', '0.5--0.2'))).toMatch(
      /^headRate: expected a rate between 0 and 1 or a dash-joined/,
    );
    expect(msg(parseRateList('headRate', 1.5))).toMatch(/found 1\.5/);
    expect(msg(parseRateList('headRate', 'abc'))).toMatch(/found "abc"/);
    expect(msg(parseSwitchList('tokenSkip', '0-2'))).toMatch(
      /tokenSkip: expected 0 or 1 per block.*found "2"/,
    );
    const bad = parseTransformerRequest({
      model: 't2t_vit_99',
      mode: 'fast',
      batchConvention: 'x',
      tokenRate: '1-1',
      extra: 1,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/unknown key\(s\) extra/);
    const bad2 = parseTransformerRequest({
      model: 't2t_vit_99',
      mode: 'fast',
      batchConvention: 'x',
    });
    expect(bad2.ok).toBe(false);
    if (!bad2.ok) {
      expect(bad2.error).toMatch(/model: expected one of t2t_vit_7, .* found "t2t_vit_99"/);
      expect(bad2.error).toMatch(/hardware: missing/);
      expect(bad2.error).toMatch(
        /mode: expected one of static, token, head, block, combined, found "fast"/,
      );
      expect(bad2.error).toMatch(/batchConvention: expected in_shapes or in_predictor, found "x"/);
    }
    const len = parseTransformerRequest({
      model: 't2t_vit_7',
      hardware: 'v100',
      mode: 'token',
      tokenRate: '1-1',
    });
    expect(len.ok ? '' : len.error).toBe(
      'tokenRate: expected one value or 7 values (one per block of T2T-ViT-7), found 2',
    );
  });
});

describe('transformer documents and export', () => {
  const req = parseTransformerRequest({
    model: 't2t_vit_19',
    hardware: 'v100',
    hardwareOverrides: { batchSize: 64 },
    mode: 'head',
    headRate: 3 / 7,
    batchConvention: 'in_predictor',
  });

  it('round-trips through the studio JSON', () => {
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    const exp = exportTransformerConfig(req.value, 'T2T-ViT-19 three heads');
    expect(exp.fileName).toBe('T2T-ViT-19-three-heads.json');
    expect(exp.note).toBe(TRANSFORMER_TRAINING_NOTE);
    expect(exp.note).toMatch(/No reference training flags.*AdaViT/);
    const doc = JSON.parse(exp.text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 'laudnet-studio-transformer-config',
      version: 1,
      model: 't2t_vit_19',
      mode: 'head',
      headRate: 3 / 7,
      batchConvention: 'in_predictor',
    });
    const back = parseTransformerDocument(doc);
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.value.config).toEqual(req.value.config);
      expect(back.value.name).toBe('T2T-ViT-19 three heads');
      expect(transformerDocument(back.value, back.value.name)).toEqual(doc);
    }
  });

  it('refuses other formats and versions', () => {
    expect(parseTransformerDocument({ format: 'laudnet-studio-config', version: 1 })).toEqual({
      ok: false,
      error: 'format: expected "laudnet-studio-transformer-config", found "laudnet-studio-config"',
    });
    const v2 = parseTransformerDocument({
      format: 'laudnet-studio-transformer-config',
      version: 2,
    });
    expect(v2.ok ? '' : v2.error).toBe('version: expected 1, found 2');
  });
});
