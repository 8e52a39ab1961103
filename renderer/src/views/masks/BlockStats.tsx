import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { cellCounts, formatMaskRate, groupCounts } from './selection';

const MODE_TEXT: Record<BlockMaskSet['mode'], string> = {
  static: 'static (dense)',
  spatial: 'spatial mask',
  channel: 'channel skipping',
  layer: 'layer skipping',
  'spatial+channel': 'spatial + channel',
};

/** Numbers of the selected block: grid, kept cells (the predictor's count), densities, groups, gate. */
export function BlockStats({ block }: { block: BlockMaskSet }) {
  const cells = cellCounts(block);
  const groups = groupCounts(block);
  const side = block.conv2?.height ?? null;
  const { conv1, conv2 } = block.rates;
  return (
    <dl className="masks-stats" data-testid="mask-stats">
      <dt>Mode</dt>
      <dd>{MODE_TEXT[block.mode]}</dd>
      {block.mode === 'layer' && cells ? (
        <>
          <dt>Gate</dt>
          <dd data-testid="mask-gate">
            {cells.kept > 0
              ? 'executes'
              : 'skipped: the block passes its input through the shortcut'}
          </dd>
        </>
      ) : null}
      {block.mode !== 'layer' && cells ? (
        <>
          <dt>Grid</dt>
          <dd data-testid="mask-grid-size" data-rows={cells.rows} data-cols={cells.cols}>
            {cells.rows}×{cells.cols} cells (S = {block.granularity}
            {side !== null ? ` on the ${side}×${side} map` : ''})
          </dd>
          <dt>Kept</dt>
          <dd data-testid="mask-kept-count" data-kept={cells.kept} data-total={cells.total}>
            kept {cells.kept} of {cells.total} cells ({formatMaskRate(cells.kept / cells.total)})
          </dd>
        </>
      ) : null}
      {conv2 !== null && conv1 !== null && block.mode !== 'layer' ? (
        <>
          <dt>Density</dt>
          <dd>
            conv2/conv3 {formatMaskRate(conv2)} · conv1 {formatMaskRate(conv1)}
            <span className="hint">
              {' '}
              (+{((conv1 - conv2) * 100).toFixed(1)} pts for conv2&apos;s 3×3 reads)
            </span>
          </dd>
        </>
      ) : null}
      {groups ? (
        <>
          <dt>Channels</dt>
          <dd data-testid="mask-group-count" data-kept={groups.kept} data-total={groups.total}>
            kept {groups.kept} of {groups.total} groups (G = {block.channelGroupSize})
          </dd>
        </>
      ) : null}
      {block.mode === 'static' ? (
        <>
          <dt>Compute</dt>
          <dd>every position and channel (no masker)</dd>
        </>
      ) : null}
    </dl>
  );
}
