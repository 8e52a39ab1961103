/** Axis scales of the explorer's scatter plots: linear with 1-2-5 ticks, or logarithmic. */

/** A scale from data to pixels, with its ticks. */
export interface Scale {
  (value: number): number;
  ticks: number[];
  /** Inverse: pixels to data. */
  invert(px: number): number;
  log: boolean;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** A linear scale over `[d0, d1]` padded to nice bounds. */
export function linearScale(d0: number, d1: number, r0: number, r1: number, count = 6): Scale {
  let lo = d0;
  let hi = d1;
  if (!(hi > lo)) {
    const pad = Math.abs(lo) * 0.05 || 0.5;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  const k = (r1 - r0) / (hi - lo);
  const s = ((v: number) => r0 + (v - lo) * k) as Scale;
  s.ticks = ticks;
  s.invert = (px) => lo + (px - r0) / k;
  s.log = false;
  return s;
}

/** A base-10 logarithmic scale over `[d0, d1]` (both > 0) with 1-2-5 ticks. */
export function logScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const lo = Math.log10(d0) - 0.02;
  const hi = Math.log10(d1) + 0.02;
  const k = (r1 - r0) / (hi - lo);
  const ticks: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      const l = Math.log10(v);
      if (l >= lo && l <= hi) ticks.push(Number(v.toPrecision(6)));
    }
  const s = ((v: number) => r0 + (Math.log10(v) - lo) * k) as Scale;
  s.ticks = ticks;
  s.invert = (px) => 10 ** (lo + (px - r0) / k);
  s.log = true;
  return s;
}

/** Tick text: up to 3 significant digits, no trailing zeros. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
}
