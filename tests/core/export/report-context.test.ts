import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { buildLatencyReport } from '../../../core/export/report';
import { reportToJson, reportToMarkdown } from '../../../core/export/formats';
import { HARDWARE_PRESETS, PREDICTOR_VERSION } from '../../../core/predictor';

describe('reports carry their context', () => {
  const base = defaultConfig('resnet101', 'tx2');
  const config = {
    ...base,
    hardware: { kind: 'preset' as const, id: 'tx2', overrides: { launchTimeS: 7e-6 } },
  };
  const report = buildLatencyReport(config, undefined, undefined, { appVersion: '9.8.7' });

  it('records app and predictor versions', () => {
    expect(report.generator).toEqual({
      app: 'LAUDNet Studio',
      appVersion: '9.8.7',
      predictorVersion: PREDICTOR_VERSION,
    });
    expect(PREDICTOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('records every hardware parameter, overrides applied', () => {
    const preset = HARDWARE_PRESETS.find((p) => p.id === 'tx2')!;
    expect(Object.keys(report.hardware.params).sort()).toEqual(Object.keys(preset.params).sort());
    expect(report.hardware.params).toEqual({ ...preset.params, launchTimeS: 7e-6 });
    const json = JSON.parse(reportToJson(report)) as typeof report;
    expect(json.hardware.params.nPes).toBe(preset.params.nPes);
  });

  it('the Markdown report names the versions and lists every parameter', () => {
    const md = reportToMarkdown(report);
    expect(md).toContain(`LAUDNet Studio 9.8.7, latency predictor ${PREDICTOR_VERSION}`);
    for (const [k, v] of Object.entries(report.hardware.params))
      expect(md).toContain(`| ${k} | ${String(v)} |`);
  });
});
