/** A "nice" axis from 0 to at least `max`: step 1, 2, 2.5 or 5 × 10ⁿ, at most `maxTicks` intervals. */
export function niceAxis(max: number, maxTicks = 6): { top: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, ticks: [0, 0.5, 1] };
  const raw = max / maxTicks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow;
  const count = Math.ceil(max / step - 1e-9);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { top: ticks[ticks.length - 1] ?? max, ticks };
}

/** Colour of each paradigm in every transformer chart. */
export const PARADIGM_COLOR = {
  token: 'var(--stage-1)',
  head: 'var(--stage-2)',
  attn: 'var(--stage-3)',
  mlp: 'var(--stage-4)',
} as const;
