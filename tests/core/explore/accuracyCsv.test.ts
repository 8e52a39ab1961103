import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config';
import { accuracyPlot, parseAccuracyCsv, readCsv } from '../../../core/explore';
import { createPredictor, resolveHardware } from '../../../core/predictor';

const fixtures = path.resolve(__dirname, '../../fixtures/explore');
const fixture = readFileSync(path.join(fixtures, 'accuracy.csv'), 'utf8');

describe('readCsv', () => {
  it('reads quotes, escaped quotes, quoted line breaks, CRLF and a BOM', () => {
    const r = readCsv('\uFEFFa,b\r\n"x ""y""","line\nbreak"\r\n\r\nlast,1\n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x "y"', 'line\nbreak'] },
        { line: 5, fields: ['last', '1'] },
      ],
    });
  });

  it('reports an unclosed quote with its line', () => {
    expect(readCsv('a,b\nc,"d\n')).toEqual({
      ok: false,
      error: 'line 2: a quoted field is never closed',
    });
  });

  it('detects semicolons and tabs', () => {
    expect(readCsv('cfg;acc\nx;1').ok && readCsv('cfg;acc\nx;1')).toMatchObject({
      records: [{ fields: ['cfg', 'acc'] }, { fields: ['x', '1'] }],
    });
    expect(readCsv('cfg\tacc\nx\t1')).toMatchObject({ records: [{}, { fields: ['x', '1'] }] });
  });
});

describe('parseAccuracyCsv', () => {
  it('finds the columns by header name and reads percentages, with and without %', () => {
    const r = parseAccuracyCsv(fixture);
    expect(r.rows.map((x) => [x.line, x.label, x.accuracy, x.ref.kind])).toEqual([
      [2, 'baseline-static', 0.7613, 'json'],
      [3, 'spatial-s4421-r50', 0.758, 'json'],
      [4, 'channel-g2-r60', 0.754, 'flags'],
      [5, 'layer-r70', 0.749, 'json'],
      [6, 'spatial-train-flags', 0.742, 'flags'],
      [7, 'spatial-s4421-r30', 0.731, 'json'],
      [8, 'from-file', 0.74, 'path'],
    ]);
    expect(r.errors).toEqual([
      "line 9: top-1 accuracy 'seventy' is not a number (expected e.g. 76.1, 76.1% or 0.761)",
    ]);
  });

  it('reads fractions without a header (configuration first, accuracy second)', () => {
    const r = parseAccuracyCsv('a.json,0.75\nb.json,0.7\n');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.accuracy, x.ref])).toEqual([
      [0.75, { kind: 'path', path: 'a.json' }],
      [0.7, { kind: 'path', path: 'b.json' }],
    ]);
  });

  it('is strict on rows that would plot a wrong accuracy', () => {
    const r = parseAccuracyCsv('config,top1\na.json,140\nb.json,\n,70\nc.json,-3\n');
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      'line 3: the top-1 accuracy is empty',
      'line 4: the configuration is empty',
      "line 5: top-1 accuracy '-3' is not a number (expected e.g. 76.1, 76.1% or 0.761)",
      'line 2: top-1 accuracy 140 is outside 0–100 %',
    ]);
  });

  it('names the missing configuration column', () => {
    expect(parseAccuracyCsv('model,top1\nx,70').errors).toEqual([
      "line 1: no configuration column (expected a header such as config, path or flags; found 'model', 'top1')",
    ]);
    expect(parseAccuracyCsv('').errors[0]).toMatch(/the file is empty/);
  });
});

describe('accuracyPlot', () => {
  const p = createPredictor(resolveHardware('v100'));
  const base = defaultConfig('resnet50', 'v100');
  const files: Record<string, string> = {
    'runs/layer-r50.json': readFileSync(path.join(fixtures, 'layer-r50.json'), 'utf8'),
  };

  it('predicts each row on the device and plots exactly the accuracies given', () => {
    const plot = accuracyPlot(parseAccuracyCsv(fixture), base, (f) => files[f], p);
    expect(plot.points.map((x) => x.row.accuracy)).toEqual([
      0.7613, 0.758, 0.754, 0.749, 0.742, 0.731, 0.74,
    ]);
    const byLabel = Object.fromEntries(plot.points.map((x) => [x.row.label, x]));
    expect(byLabel['baseline-static']!.config.stages.every((s) => s.mode === 'static')).toBe(true);
    expect(byLabel['channel-g2-r60']!.config.stages[0]).toMatchObject({
      mode: 'channel',
      channelGroupSize: 2,
    });
    expect(byLabel['from-file']!.config.stages[0]!.mode).toBe('layer');
    // Static is slowest; a lower rate of the same setting is faster.
    const lat = (l: string) => byLabel[l]!.latencyMsPerImage;
    expect(lat('spatial-s4421-r30')).toBeLessThan(lat('spatial-s4421-r50'));
    expect(lat('spatial-s4421-r50')).toBeLessThan(lat('baseline-static'));
    expect(plot.errors).toEqual([
      "line 9: top-1 accuracy 'seventy' is not a number (expected e.g. 76.1, 76.1% or 0.761)",
    ]);
    // Front by hand-check: the static baseline (most accurate) is on it; no front point is beaten.
    const front = plot.front.map((i) => plot.points[i]!);
    expect(front.map((x) => x.row.label)).toContain('baseline-static');
    for (const f of front)
      for (const q of plot.points)
        expect(q.latencyMsPerImage < f.latencyMsPerImage && q.row.accuracy > f.row.accuracy).toBe(
          false,
        );
  });

  it('reports a missing file and a bad configuration with the line', () => {
    const csv = parseAccuracyCsv(
      'config,acc\nmissing.json,70\n"{""model"":""resnet50"",""mode"":""spatial"",""granularity"":3,""rate"":0.5}",71\n--model vgg16 --mode static,72\n',
    );
    const plot = accuracyPlot(csv, base, () => undefined, p);
    expect(plot.points).toEqual([]);
    expect(plot.errors[0]).toBe(
      "line 2: configuration file 'missing.json' was not found (choose it together with the CSV)",
    );
    expect(plot.errors[1]).toMatch(/^line 3: .*spatialGranularity: 3 does not divide/);
    expect(plot.errors[2]).toMatch(/^line 4: model: unknown "vgg16" \(valid: resnet50/);
  });
});
