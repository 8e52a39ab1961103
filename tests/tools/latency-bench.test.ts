/**
 * Acceptance 2 of issue 17: runs tools/latency-bench on the CPU at tiny sizes (seconds) with Debian's
 * /usr/bin/python3 + python3-torch, then `laudnet calibrate` on its CSV as a process, then
 * `laudnet predict --hardware-file` on the written file. CI installs python3-torch (.ci/run); elsewhere,
 * without torch, the suite says why and is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_NAMES, parseMeasurementsCsv } from '../../core/calibrate';
import { hardwareParamsSchema } from '../../core/predictor';
import { repoRoot, spawnCli } from '../cli/cli-helpers';

const PYTHON = '/usr/bin/python3';
const bench = join(repoRoot, 'tools', 'latency-bench', 'bench.py');

function torchMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} does not exist`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} cannot import torch`;
}
const missing = torchMissing();
if (missing) console.log(`skipped: latency-bench tests need python3-torch (${missing})`);

describe.skipIf(missing !== null)('latency-bench on cpu, then calibrate end to end', () => {
  let work = '';
  let csv = '';
  let benchRun: ReturnType<typeof spawnSync> | null = null;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'latency-bench-'));
    csv = join(work, 'cpu.csv');
    benchRun = spawnSync(PYTHON, [bench, '--device', 'cpu', '--quick', '--out', csv], {
      encoding: 'utf8',
      timeout: 180_000,
    });
  }, 200_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes a CSV with a JSON header whose rows all map to predictor operators', () => {
    expect(benchRun?.status, String(benchRun?.stderr)).toBe(0);
    const text = readFileSync(csv, 'utf8');
    const first = text.split('\n')[0]!;
    expect(first.startsWith('# {')).toBe(true);
    const header = JSON.parse(first.slice(2)) as Record<string, unknown>;
    expect(header).toMatchObject({
      format: 'laudnet-latency-bench',
      version: 1,
      device: 'cpu',
      batch_size: 2,
      quick: true,
      timing: 'time.perf_counter',
    });
    expect(typeof header.torch).toBe('string');
    const parsed = parseMeasurementsCsv(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const ops = new Set(parsed.set.rows.map((r) => r.op));
    for (const op of [
      'conv',
      'fc',
      'avg_pool',
      'add',
      'static_block',
      'gather',
      'dynamic_conv',
      'scatter',
      'scatter_add',
      'masker_conv1',
    ])
      expect(ops.has(op), op).toBe(true);
    expect([...ops].every((op) => OPERATOR_NAMES.includes(op))).toBe(true);
    const families = new Set(parsed.set.rows.map((r) => r.family));
    for (const f of [
      'conv 1×1',
      'conv 3×3',
      'conv strided',
      'conv grouped',
      'dynamic_conv channel',
      'dynamic_conv patches',
    ])
      expect(families.has(f), f).toBe(true);
    expect(parsed.set.rows.every((r) => r.measuredS > 0 && r.spreadS !== null)).toBe(true);
  });

  it('calibrate --json fits it, writes a hardware file, and predict accepts that file', () => {
    const out = join(work, 'cpu.hardware.json');
    const run = spawnCli([
      'calibrate',
      '--measurements',
      csv,
      '--start',
      'h100',
      '--out',
      out,
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const res = JSON.parse(run.stdout) as {
      hardware: Record<string, unknown>;
      before: { medianAbsErrorPct: number; within10Pct: number };
      after: { medianAbsErrorPct: number; within10Pct: number };
      heldOut: { medianAbsErrorPct: number; within10Pct: number };
      learningCurve: { trainRows: number }[];
    };
    console.log(
      `cpu quick run: before median ${res.before.medianAbsErrorPct.toFixed(1)} % (±10 %: ${res.before.within10Pct.toFixed(1)} %), ` +
        `after ${res.after.medianAbsErrorPct.toFixed(1)} % (${res.after.within10Pct.toFixed(1)} %), ` +
        `held out ${res.heldOut.medianAbsErrorPct.toFixed(1)} % (${res.heldOut.within10Pct.toFixed(1)} %)`,
    );
    expect(res.after.medianAbsErrorPct).toBeLessThan(res.before.medianAbsErrorPct);
    expect(res.learningCurve.map((l) => l.trainRows).slice(0, 3)).toEqual([10, 25, 50]);
    const written = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    expect(written).toEqual(res.hardware);
    expect(hardwareParamsSchema().safeParse(written).success).toBe(true);
    expect(res.hardware.batchSize).toBe(2);
    const pred = spawnCli([
      'predict',
      '--model',
      'resnet50',
      '--hardware-file',
      out,
      '--mode',
      'static',
      '--json',
    ]);
    expect(pred.status, pred.stderr).toBe(0);
    const p = JSON.parse(pred.stdout) as { batchSize: number; latencyS: number };
    expect(p.batchSize).toBe(2);
    expect(p.latencyS).toBeGreaterThan(0);
  }, 180_000);
});
