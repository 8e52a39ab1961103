/** `laudnet calibrate`: fits the latency model's hardware parameters to measured operator latencies. */
import { writeFileSync } from 'node:fs';
import {
  calibrate,
  parseMeasurementsCsv,
  type CalibrationReport,
  type ErrorSummary,
} from '../../core/calibrate';
import { HARDWARE_PRESETS, HARDWARE_PRESET_IDS, type HardwarePreset } from '../../core/predictor';
import { stringFlag, type FlagSpecs } from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { table } from '../format';

const FLAGS: FlagSpecs = {
  measurements: {
    type: 'string',
    value: 'PATH',
    description: 'CSV written by tools/latency-bench/bench.py',
  },
  start: {
    type: 'string',
    value: 'ID',
    description: 'preset the fit starts from and keeps the SM count of (default h100-sxm)',
  },
  out: { type: 'string', value: 'PATH', description: 'write the fitted hardware JSON here' },
  'no-learning-curve': {
    type: 'boolean',
    description: 'skip the refits on 10, 25 and 50 rows (faster)',
  },
  json: { type: 'boolean', description: 'print one JSON object instead of tables' },
};

const USAGE = `Usage:
  laudnet calibrate --measurements FILE.csv [--start h100] --out my-gpu.hardware.json [--json]

Fits the effective hardware parameters of the latency model (clock, fp32 lanes per SM, DRAM bandwidth,
L2 factor, latency-hiding depth, launch overhead) to measured operator latencies by log-ratio least
squares (Levenberg–Marquardt). 20 % of the rows are held out (a fixed, deterministic split) and the
error on them is reported, with errors per operator family before and after the fit and a learning curve.
The written file is a hardware JSON object for 'predict --hardware-file'.`;

/** A preset by id, or by an unambiguous prefix of one ('h100' → 'h100-sxm'). */
function resolveStart(id: string): HardwarePreset {
  const exact = HARDWARE_PRESETS.find((p) => p.id === id);
  if (exact) return exact;
  const matches = HARDWARE_PRESETS.filter((p) => p.id.startsWith(id.toLowerCase()));
  if (matches.length === 1) return matches[0]!;
  throw new CliError(
    `${matches.length > 1 ? 'ambiguous' : 'unknown'} start preset '${id}' (valid: ${HARDWARE_PRESET_IDS.join(', ')})`,
  );
}

const pct = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} %` : '—');
const short = (e: ErrorSummary) => ({
  medianAbsErrorPct: e.medianAbsErrorPct,
  within10Pct: e.within10Pct,
  worstAbsErrorPct: e.worstAbsErrorPct,
  count: e.count,
});

function formatReport(r: CalibrationReport, start: string, source: string): string {
  const row = (name: string, e: ErrorSummary) => [
    name,
    String(e.count),
    pct(e.medianAbsErrorPct),
    pct(e.worstAbsErrorPct),
    pct(e.within10Pct),
  ];
  const head = ['', 'rows', 'median error', 'worst error', 'within ±10 %'];
  const out = [
    `Calibrated ${source}: ${r.trainRows} rows fitted, ${r.heldOutRows} held out, start ${start}, batch ${r.hardware.batchSize}, ${r.iterations} iterations\n`,
    table(
      ['parameter', 'start', 'fitted'],
      r.fitted.map((f) => [f.label, f.start.toPrecision(4), f.value.toPrecision(4)]),
    ),
    table(head, [
      row('all rows, start preset', r.before),
      row('all rows, fitted', r.after),
      row('held out, start preset', r.heldOutBefore),
      row('held out, fitted', r.heldOut),
    ]),
    table(
      [
        'family',
        'rows',
        'median before',
        'median after',
        'worst after',
        '±10 % before',
        '±10 % after',
      ],
      r.families.map((f) => [
        f.family,
        String(f.count),
        pct(f.before.medianAbsErrorPct),
        pct(f.after.medianAbsErrorPct),
        pct(f.after.worstAbsErrorPct),
        pct(f.before.within10Pct),
        pct(f.after.within10Pct),
      ]),
    ),
  ];
  if (r.learningCurve.length > 0) {
    out.push(
      'Learning curve (error on the held-out rows):\n' +
        table(
          ['rows fitted', 'median error', 'within ±10 %'],
          r.learningCurve.map((l) => [
            String(l.trainRows),
            pct(l.heldOut.medianAbsErrorPct),
            pct(l.heldOut.within10Pct),
          ]),
        ),
    );
  }
  return out.join('\n');
}

export const calibrateCommand = defineCommand({
  name: 'calibrate',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const path = stringFlag(args, 'measurements');
    if (path === undefined)
      throw new CliError('missing --measurements (a CSV written by tools/latency-bench/bench.py)');
    const start = resolveStart(stringFlag(args, 'start') ?? 'h100-sxm');
    const parsed = parseMeasurementsCsv(io.readText(path));
    if (!parsed.ok) throw new CliError(`invalid measurements in '${path}':\n${parsed.error}`);
    const res = calibrate(parsed.set, start.params, {
      learningCurve: args.values['no-learning-curve'] !== true,
    });
    if (!res.ok) throw new CliError(`cannot calibrate on '${path}': ${res.error}`);
    const r = res.report;
    const out = stringFlag(args, 'out');
    if (out !== undefined) {
      try {
        writeFileSync(out, `${JSON.stringify(r.hardware, null, 2)}\n`);
      } catch (e) {
        throw new CliError(`cannot write '${out}' (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    if (args.values.json) {
      const result = {
        hardware: r.hardware,
        start: start.id,
        measurements: { path, rows: parsed.set.rows.length, header: parsed.set.header },
        before: short(r.before),
        after: short(r.after),
        heldOut: short(r.heldOut),
        heldOutBefore: short(r.heldOutBefore),
        fitted: r.fitted,
        families: r.families,
        learningCurve: r.learningCurve,
        trainRows: r.trainRows,
        heldOutRows: r.heldOutRows,
      };
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    io.out(formatReport(r, start.id, path));
    if (out !== undefined)
      io.out(`\nWrote ${out} (use it with: laudnet predict --hardware-file ${out})\n`);
    return 0;
  },
});
