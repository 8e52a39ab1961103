/** Tick values of the hand-drawn charts: round steps (1, 2, 5 × 10ⁿ) and powers of ten. */

/**
 * The round step (1, 2 or 5 × a power of ten) that cuts `span` into about `count` intervals.
 * Returns 0 for an empty or non-finite span.
 */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span) || !(count > 0)) return 0;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // Thresholds at the geometric means of 1–2, 2–5 and 5–10, so the chosen step is the nearest in ratio.
  const factor =
    fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.SQRT2 ? 2 : 1;
  return factor * power;
}

/** Rounds away floating-point noise of multiples of `step` (0.1 × 3 → 0.3, not 0.30000000000000004). */
function clean(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(20, digits)));
}

/** Round ticks of a linear axis and the domain they span. */
export interface LinearTicks {
  /** The data range widened to whole steps. */
  domain: [number, number];
  ticks: number[];
  step: number;
}

/**
 * Ticks at a round step for values in [`lo`, `hi`], about `count` intervals, the domain widened to
 * the nearest steps outside. A flat range (lo = hi) gets a unit-wide domain around it.
 */
export function niceTicks(lo: number, hi: number, count = 5): LinearTicks {
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { domain: [0, 1], ticks: [0, 1], step: 1 };
  if (a === b) {
    a = a === 0 ? 0 : a - Math.abs(a) / 2;
    b = b === 0 ? 1 : b + Math.abs(b) / 2;
  }
  let step = niceStep(b - a, count);
  // Widening to whole steps can change the span enough to want a coarser step: settle in two passes.
  for (let pass = 0; pass < 2; pass++) {
    const next = niceStep(Math.ceil(b / step) * step - Math.floor(a / step) * step, count);
    if (next <= step) break;
    step = next;
  }
  const first = Math.floor(a / step + 1e-9);
  const last = Math.ceil(b / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(clean(i * step, step));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, step };
}

/** Ticks at a round step inside a fixed domain (the domain is kept, ticks may not reach its ends). */
export function ticksWithin(lo: number, hi: number, count = 5): number[] {
  const step = niceStep(hi - lo, count);
  if (step === 0) return [lo];
  const out: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    out.push(clean(i * step, step));
  }
  return out;
}

/** Powers of ten spanning the positive finite `values` (for a log axis); at least two ticks. */
export function decadeTicks(values: readonly number[]): {
  domain: [number, number];
  ticks: number[];
} {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return { domain: [0.1, 1], ticks: [0.1, 1] };
  const loExp = Math.floor(Math.log10(Math.min(...positive)));
  const hiExp = Math.max(loExp + 1, Math.ceil(Math.log10(Math.max(...positive))));
  const ticks: number[] = [];
  for (let e = loExp; e <= hiExp; e++) ticks.push(Number(`1e${e}`));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}
