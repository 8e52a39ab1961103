import { describe, expect, it } from 'vitest';
import {
  MIN_MEASUREMENTS,
  calibrate,
  errorSummary,
  parseMeasurementsCsv,
  splitRows,
} from '../../../core/calibrate';
import { findHardwarePreset } from '../../../core/predictor';

const HEAD = 'op,cin,cout,c,h,w,ks,stride,groups,granul_size,density,batch_size,latency_s';

function fail(text: string): string {
  const r = parseMeasurementsCsv(text);
  if (r.ok) throw new Error('expected a parse failure');
  return r.error;
}

describe('parseMeasurementsCsv', () => {
  it('reads the header comment, defaults, CRLF, a BOM and extra columns', () => {
    const text =
      '\uFEFF# {"device": "cpu", "batch_size": 2}\r\n' +
      'op,cin,cout,h,w,ks,latency_s,latency_spread_s,extra\r\n' +
      'conv,8,16,14,14,3,0.001,0.0001,x\r\n\r\n' +
      'dynamic_conv,8,8,14,14,3,0.002,,\r\n';
    const r = parseMeasurementsCsv(
      text.replace('dynamic_conv,8,8,14,14,3,0.002', 'conv,8,8,14,14,1,0.002'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.set.batchSize).toBe(2);
    expect(r.set.header).toEqual({ device: 'cpu', batch_size: 2 });
    expect(r.set.rows[0]).toMatchObject({
      line: 3,
      op: 'conv',
      family: 'conv 3×3',
      measuredS: 0.001,
      spreadS: 0.0001,
      args: { cin: 8, cout: 16, h: 14, w: 14, ks: 3, groups: 1, stride: 1 },
    });
    expect(r.set.rows[1]).toMatchObject({ line: 5, family: 'conv 1×1', spreadS: null });
  });

  it('names an unknown operator, its line and the valid ones', () => {
    const err = fail(
      `${HEAD}\nconv,8,8,,14,14,1,1,1,,,2,0.001\nwinograd_conv,8,8,,14,14,3,1,1,,,2,0.001\n`,
    );
    expect(err).toMatch(
      /line 3: unknown operator 'winograd_conv' \(valid: conv, fc, avg_pool, add/,
    );
  });

  it('names missing columns and what it found', () => {
    expect(fail('op,cin,cout,time_ms\nfc,8,8,1\n')).toBe(
      'missing column(s) latency_s; found: op, cin, cout, time_ms',
    );
    expect(fail('cin,cout,latency_s\n8,8,1\n')).toBe(
      'missing column(s) op; found: cin, cout, latency_s',
    );
  });

  it('names the parameters an operator needs when they are absent', () => {
    const err = fail('op,cin,cout,latency_s\nfc,8,8,0.001\ngather,,,0.001\n');
    expect(err).toBe(
      "line 3 (gather): operator 'gather' needs c, h, w, granul_size, density (empty or no such column)",
    );
  });

  it('rejects zero, negative and non-numeric times with the line', () => {
    const err = fail(
      'op,cin,cout,latency_s\nfc,8,8,0\nfc,8,16,-0.001\nfc,8,32,abc\nfc,8,64,\nfc,8,128,0.001\n',
    );
    expect(err.split('\n')).toEqual([
      "line 2 (fc): latency_s must be a positive number of seconds, found '0'",
      "line 3 (fc): latency_s must be a positive number of seconds, found '-0.001'",
      "line 4 (fc): latency_s must be a positive number of seconds, found 'abc'",
      "line 5 (fc): latency_s must be a positive number of seconds, found '(empty)'",
    ]);
  });

  it('rejects out-of-range parameters and mixed batch sizes', () => {
    expect(fail('op,c,h,w,granul_size,density,latency_s\ngather,8,14,14,0,1.5,0.1\n')).toBe(
      'line 2 (gather): granul_size must be a positive integer, found 0; density must lie in [0, 1], found 1.5',
    );
    expect(fail('op,cin,cout,batch_size,latency_s\nfc,8,8,1,0.1\nfc,8,9,2,0.1\n')).toMatch(
      /different batch sizes \(1, 2\)/,
    );
  });

  it('caps a long list of problems', () => {
    const rows = Array.from({ length: 20 }, () => 'fc,8,8,0').join('\n');
    const err = fail(`op,cin,cout,latency_s\n${rows}\n`);
    expect(err.split('\n')).toHaveLength(9);
    expect(err).toMatch(/… and 12 more problem\(s\)$/);
  });
});

describe('errorSummary', () => {
  it('gives median, worst and the share within ±10 % of |predicted / measured − 1|', () => {
    // errors 9 %, 5 %, 50 %, 0 % → median (5 + 9) / 2, worst 50, three of four within ±10 %.
    const e = errorSummary([109, 95, 150, 100], [100, 100, 100, 100]);
    expect(e.count).toBe(4);
    expect(e.medianAbsErrorPct).toBeCloseTo(7, 10);
    expect(e.worstAbsErrorPct).toBeCloseTo(50, 10);
    expect(e.within10Pct).toBe(75);
    expect(errorSummary([3], [2]).medianAbsErrorPct).toBeCloseTo(50, 10);
  });
});

describe('calibrate input checks', () => {
  it('refuses a set too small to fit, saying how many it needs', () => {
    expect(MIN_MEASUREMENTS).toBe(10);
    const rows = Array.from({ length: 6 }, (_, i) => `fc,${64 * (i + 1)},100,0.0001`).join('\n');
    const r = parseMeasurementsCsv(`op,cin,cout,latency_s\n${rows}\n`);
    if (!r.ok) throw new Error(r.error);
    const res = calibrate(r.set, findHardwarePreset('v100').params);
    expect(res).toEqual({
      ok: false,
      error:
        'too few measurements to fit: found 6, need at least 10 (6 hardware parameters are fitted and 20 % of the rows are held out)',
    });
  });

  it('holds out every fifth row of a family-interleaved, seeded order (same split every run)', () => {
    const text = ['op,cin,cout,c,h,w,latency_s']
      .concat(Array.from({ length: 12 }, (_, i) => `fc,${8 + i},8,,,,0.001`))
      .concat(Array.from({ length: 8 }, (_, i) => `add,,,${8 + i},4,4,0.001`))
      .join('\n');
    const r = parseMeasurementsCsv(text);
    if (!r.ok) throw new Error(r.error);
    const a = splitRows(r.set.rows);
    expect(a).toEqual(splitRows(r.set.rows));
    expect(a.heldOut).toHaveLength(4);
    expect(a.train).toHaveLength(16);
    const fams = a.heldOut.map((i) => r.set.rows[i]!.op);
    expect(new Set(fams)).toEqual(new Set(['fc', 'add']));
  });
});
