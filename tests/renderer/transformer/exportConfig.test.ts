import { describe, expect, it } from 'vitest';
import { parseTransformerDocument } from '../../../core/config/transformer';
import {
  openTransformerDocument,
  transformerExport,
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
  it('writes the studio document: a number when uniform, a dash-joined list per block', () => {
    let c = inMode('t2t_vit_7', 'combined');
    c = withRate(c, 'token', null, 0.5);
    c = withRate(c, 'attn', 2, 0);
    const out = transformerExport(c, v100);
    expect(out.fileName).toBe('t2t_vit_7-combined.json');
    expect(out.note).toMatch(/No reference training flags/);
    const json = JSON.parse(out.text) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'laudnet-studio-transformer-config',
      version: 1,
      model: 't2t_vit_7',
      hardware: 'v100',
      mode: 'combined',
      tokenRate: 0.5,
      headRate: 1,
      attnRate: '1-1-0-1-1-1-1',
      mlpRate: 1,
      batchConvention: 'in_shapes',
    });
    expect(json).not.toHaveProperty('tokenSkip');
    // The core reads it back (what `predict --input` and the app's open do).
    expect(parseTransformerDocument(json).ok).toBe(true);
  });

  it('writes 1 for the rates a mode switches off, and the hardware overrides', () => {
    let c = inMode('t2t_vit_19', 'head');
    c = withRate(c, 'token', null, 0.3);
    c = withRate(c, 'head', null, 2 / 7);
    const out = transformerExport(c, { kind: 'preset', id: '3060', overrides: { batchSize: 64 } });
    const json = JSON.parse(out.text) as Record<string, unknown>;
    expect(json.tokenRate).toBe(1);
    expect(json.headRate).toBe(2 / 7);
    expect(json.hardware).toBe('3060');
    expect(json.hardwareOverrides).toEqual({ batchSize: 64 });
  });

  it('opens what it exports, per-block lists included', () => {
    let c = inMode('t2t_vit_12', 'block');
    c = withRate(c, 'mlp', 5, 0.25);
    c = withRate(c, 'attn', null, 0.8);
    const hw = { kind: 'preset' as const, id: 'tx2', overrides: {} };
    const opened = openTransformerDocument(transformerExport(c, hw).text, 'x.json');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.tf).toEqual(c);
    expect(opened.value.hardware).toEqual(hw);
    expect(opened.value.warnings).toEqual([]);
  });

  it('refuses what the tuner cannot show, naming what it found', () => {
    const doc = (extra: Record<string, unknown>) =>
      JSON.stringify({
        format: 'laudnet-studio-transformer-config',
        version: 1,
        model: 't2t_vit_7',
        hardware: 'v100',
        mode: 'token',
        tokenRate: 0.5,
        headRate: 1,
        attnRate: 1,
        mlpRate: 1,
        batchConvention: 'in_shapes',
        ...extra,
      });
    const short = openTransformerDocument(doc({ tokenRate: '0.5-0.5' }), 'a.json');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/tokenRate: expected one .*7.*found 2/);
    const hw = openTransformerDocument(doc({ hardware: 'no-such-gpu' }), 'b.json');
    expect(hw.ok).toBe(false);
    if (!hw.ok) expect(hw.error).toMatch(/hardware/);
    const notJson = openTransformerDocument('{', 'c.json');
    expect(notJson.ok).toBe(false);
    const switches = openTransformerDocument(doc({ headSkip: '0-1-1-1-1-1-1' }), 'd.json');
    expect(switches.ok && switches.value.warnings.length).toBe(1);
  });
});
