import type { CurveSeries } from '../../worker/types';

const SPATIAL = [
  '#2563eb',
  '#0891b2',
  '#059669',
  '#65a30d',
  '#ca8a04',
  '#ea580c',
  '#dc2626',
  '#9333ea',
];

/** A stable colour per series: spatial granularities on a cool-to-warm ramp, other modes fixed. */
export function seriesColor(series: CurveSeries, index: number): string {
  if (series.mode === 'config') return 'var(--accent)';
  if (series.mode === 'layer') return '#7c3aed';
  if (series.mode === 'channel') return '#db2777';
  return SPATIAL[index % SPATIAL.length]!;
}
