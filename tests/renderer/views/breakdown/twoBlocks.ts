/** A hand-made breakdown of two blocks for the chart's geometry and rendering tests. */
import type { BreakdownData } from '../../../../renderer/src/views/breakdown/breakdownData';

/** Two blocks: static 2 and 4 ms; dynamic 1 + 0.5 and 1 + 1 ms (compute + memory). */
export const TWO_BLOCKS: BreakdownData = {
  rows: [
    {
      key: 'stage1/0',
      tick: '1/0',
      stage: 0,
      index: 0,
      staticMs: 2,
      dynamicMs: 1.5,
      'static|conv2|compute': 2,
      'dynamic|conv2|compute': 1,
      'dynamic|conv2|memory': 0.5,
    },
    {
      key: 'stage2/0',
      tick: '2/0',
      stage: 1,
      index: 0,
      staticMs: 4,
      dynamicMs: 2,
      'static|conv2|compute': 4,
      'dynamic|conv2|compute': 1,
      'dynamic|conv2|memory': 1,
    },
  ],
  series: [
    {
      dataKey: 'static|conv2|compute',
      side: 'static',
      op: 'conv2',
      part: 'compute',
      label: 'conv2 (3×3), compute',
      color: 'var(--op-conv2)',
    },
    {
      dataKey: 'dynamic|conv2|compute',
      side: 'dynamic',
      op: 'conv2',
      part: 'compute',
      label: 'conv2 (3×3), compute',
      color: 'var(--op-conv2)',
    },
    {
      dataKey: 'dynamic|conv2|memory',
      side: 'dynamic',
      op: 'conv2',
      part: 'memory',
      label: 'conv2 (3×3), memory',
      color: 'var(--op-conv2)',
    },
  ],
  ops: ['conv2'],
};
