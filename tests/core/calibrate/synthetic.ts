/**
 * Synthetic measurement files for the calibration tests: latencies computed by the predictor itself on
 * a "true" device (a preset with its fitted parameters perturbed by ±30 %), times seeded multiplicative
 * noise, written as the bench would write them.
 */
import { createPredictor, type HardwareParams } from '../../../core/predictor';
import { FITTED_PARAMETERS, OPERATORS, parseMeasurementsCsv } from '../../../core/calibrate';

/** Rows as (op, args) in the predictor's vocabulary, at ResNet-50 / RegNetY-400MF shapes. */
function syntheticShapes(): { op: string; args: Record<string, number> }[] {
  const out: { op: string; args: Record<string, number> }[] = [];
  const stages = [
    { cin: 256, cm: 64, cout: 256, h: 56 },
    { cin: 512, cm: 128, cout: 512, h: 28 },
    { cin: 1024, cm: 256, cout: 1024, h: 14 },
    { cin: 2048, cm: 512, cout: 2048, h: 7 },
  ];
  stages.forEach((s, i) => {
    const hw = { h: s.h, w: s.h };
    out.push({ op: 'conv', args: { cin: s.cin, cout: s.cm, ...hw, ks: 1 } });
    out.push({ op: 'conv', args: { cin: s.cm, cout: s.cm, ...hw, ks: 3 } });
    out.push({ op: 'conv', args: { cin: s.cm, cout: s.cout, ...hw, ks: 1 } });
    if (i > 0) {
      out.push({
        op: 'conv',
        args: { cin: s.cin / 2, cout: s.cout, h: s.h * 2, w: s.h * 2, ks: 1, stride: 2 },
      });
      out.push({
        op: 'conv',
        args: { cin: s.cm, cout: s.cm, h: s.h * 2, w: s.h * 2, ks: 3, stride: 2 },
      });
    }
    out.push({
      op: 'conv',
      args: { cin: s.cm / 2, cout: s.cm / 2, ...hw, ks: 3, groups: s.cm / 16 },
    });
    out.push({ op: 'add', args: { c: s.cout, ...hw } });
    out.push({ op: 'static_block', args: { cin: s.cin, cout: s.cout, cm: s.cm, h: s.h } });
    for (const [g, d] of [
      [1, 0.5],
      [s.h >= 14 ? 4 : 7, 0.3],
      [s.h >= 14 ? 2 : 1, 0.7],
    ] as const) {
      const patch = { granul_size: g, density: d };
      out.push({ op: 'gather', args: { c: s.cm, ...hw, ...patch, granul_size_pad: 1 } });
      out.push({ op: 'dynamic_conv', args: { cin: s.cm, cout: s.cm, ...hw, ks: 3, ...patch } });
      out.push({ op: 'dynamic_conv', args: { cin: s.cm, cout: s.cout, ...hw, ks: 1, ...patch } });
      out.push({ op: 'scatter_add', args: { c: s.cout, ...hw, ...patch } });
    }
    out.push({ op: 'scatter', args: { c: s.cm, ...hw, granul_size: 2, density: 0.5 } });
    out.push({
      op: 'dynamic_conv',
      args: {
        cin: s.cm,
        cout: s.cm,
        ...hw,
        ks: 3,
        granul_size: 1,
        density: 1,
        spatial_masker: 0,
        ic_density: 0.5,
        oc_density: 0.5,
      },
    });
    out.push({
      op: 'masker_conv1',
      args: {
        cin: s.cin,
        cout: s.cm,
        ...hw,
        granul_size: 4,
        density: 0.5,
        channel_masker: 0,
        spatial_masker: 1,
      },
    });
    out.push({ op: 'avg_pool', args: { c: s.cout, ...hw } });
  });
  out.push({ op: 'fc', args: { cin: 2048, cout: 1000 } });
  out.push({ op: 'fc', args: { cin: 440, cout: 1000 } });
  return out;
}

/** A seeded standard normal (Box–Muller over mulberry32). */
function normalRng(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** The "true" device: every fitted parameter of `base` multiplied by 1.3 or 0.7 (seeded signs). */
export function perturbed(base: HardwareParams, seed: number): HardwareParams {
  const rnd = normalRng(seed);
  const hw = { ...base };
  for (const fp of FITTED_PARAMETERS) hw[fp.key] = base[fp.key] * (rnd() >= 0 ? 1.3 : 0.7);
  return hw;
}

/** CSV text of the synthetic shapes measured on `truth` with multiplicative log-normal noise σ. */
export function syntheticCsv(truth: HardwareParams, noiseSigma: number, seed: number): string {
  const p = createPredictor(truth);
  const noise = normalRng(seed);
  const rows = syntheticShapes();
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.args)))];
  const lines = [
    `# ${JSON.stringify({ device: 'synthetic', batch_size: truth.batchSize })}`,
    ['op', ...cols, 'batch_size', 'latency_s'].join(','),
  ];
  for (const r of rows) {
    const parsed = parseMeasurementsCsv(
      `op,${Object.keys(r.args).join(',')},latency_s\n${r.op},${Object.values(r.args).join(',')},1`,
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const lat =
      OPERATORS[r.op]!.predict(p, parsed.set.rows[0]!.args) * Math.exp(noiseSigma * noise());
    lines.push([r.op, ...cols.map((c) => r.args[c] ?? ''), truth.batchSize, lat].join(','));
  }
  return `${lines.join('\n')}\n`;
}
