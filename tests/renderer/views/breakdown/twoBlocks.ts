/** A hand-made breakdown of two blocks for the chart's geometry and rendering tests. */
import type {
  BreakdownData,
  BreakdownSeries,
} from '../../../../renderer/src/views/breakdown/breakdownData';

const conv2 = (
  side: BreakdownSeries['side'],
  part: 'compute' | 'memory',
  values: number[],
): BreakdownSeries => ({
  dataKey: `${side}|conv2|${part}`,
  side,
  op: 'conv2',
  part,
  label: `conv2 (3×3), ${part}`,
  color: 'var(--op-conv2)',
  values,
});

/** Two blocks: static 2 and 4 ms; dynamic 1 + 0.5 and 1 + 1 ms (compute + memory). */
export const TWO_BLOCKS: BreakdownData = {
  rows: [
    { key: 'stage1/0', tick: '1/0', stage: 0, index: 0, staticMs: 2, dynamicMs: 1.5 },
    { key: 'stage2/0', tick: '2/0', stage: 1, index: 0, staticMs: 4, dynamicMs: 2 },
  ],
  series: [
    conv2('static', 'compute', [2, 4]),
    conv2('dynamic', 'compute', [1, 1]),
    conv2('dynamic', 'memory', [0.5, 1]),
  ],
  ops: ['conv2'],
};

/** `data` with series `dataKey`'s values replaced (and the rows' totals left as they were). */
export function withValues(data: BreakdownData, dataKey: string, values: number[]): BreakdownData {
  return {
    ...data,
    series: data.series.map((s) => (s.dataKey === dataKey ? { ...s, values } : s)),
  };
}
