import { memo, useEffect, useRef } from 'react';
import { blockRateRow } from '../../../../core/maskfile/rates';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { prepareCanvas, scaledInput } from './draw';
import type { MaskCardProps } from './OverlayCard';
import { blockSkipped, formatMaskRate } from './selection';
import { TILE_CSS_PX as TILE_PX } from './useMaskPipeline';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

/** Test ids cannot hold "/" comfortably in CSS selectors: stage1/0 → stage1-0. */
export const tileId = (key: string) => key.replace('/', '-');

function rateText(block: BlockMaskSet): string {
  const { spatial, channel } = block.rates;
  if (block.mode === 'static') return 'dense';
  if (block.mode === 'layer') return spatial === 1 ? 'runs' : 'skipped';
  if (spatial !== null && channel !== null)
    return `${formatMaskRate(spatial)} · ch ${formatMaskRate(channel)}`;
  return formatMaskRate(spatial ?? channel ?? 1);
}

const Tile = memo(function Tile({
  block,
  input,
  selected,
  atlas,
}: {
  block: BlockMaskSet;
  input: ImageBitmap | null;
  selected: boolean;
  atlas: MaskAtlas;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, TILE_PX, TILE_PX);
    if (!ctx) return;
    const { layout } = atlas;
    // The worker's tiles have the photo in them already; a dump's are drawn over it here.
    if (input && !layout.composited)
      ctx.drawImage(scaledInput(input, TILE_PX), 0, 0, TILE_PX, TILE_PX);
    ctx.imageSmoothingEnabled = false;
    const i = layout.index[block.key];
    if (i === undefined) return;
    const side = layout.tilePx;
    // One copy of the tile (overlay and channel strip): drawn at the device pixel ratio, so 1:1.
    ctx.drawImage(atlas.tiles, i * side, 0, side, side, 0, 0, TILE_PX, TILE_PX);
  }, [block, input, atlas]);
  const skipped = blockSkipped(block);
  const rates = blockRateRow(block);
  const rate = rates.spatialRate ?? rates.channelRate;
  const id = tileId(block.key);
  return (
    <button
      type="button"
      className={`mask-tile${selected ? ' selected' : ''}${skipped ? ' skipped' : ''}`}
      aria-pressed={selected}
      aria-label={`Block ${block.key}, ${rateText(block)}`}
      data-testid={`mask-tile-${id}`}
      onClick={() => selectMaskBlock(block)}
    >
      <canvas ref={canvasRef} style={{ width: TILE_PX, height: TILE_PX }} />
      <span className="mask-tile-key">{block.key.replace('stage', 'S')}</span>
      <span
        className="mask-tile-rate"
        data-testid={`mask-tile-rate-${id}`}
        data-rate={rate ?? ''}
        data-spatial-rate={rates.spatialRate ?? ''}
        data-channel-rate={rates.channelRate ?? ''}
        data-conv1-rate={rates.conv1Rate ?? ''}
        data-conv2-rate={rates.conv2Rate ?? ''}
        data-gate={rates.gate ?? ''}
      >
        {rateText(block)}
      </span>
    </button>
  );
});

/** Small multiples of every block's mask, grouped by stage; click one to select it. */
export const Filmstrip = memo(function Filmstrip({ result, atlas }: MaskCardProps) {
  const input = useStudio((s) => s.maskImage?.input ?? null);
  const { blocks } = result;
  const shown = useShownBlock(blocks);
  const stages = [...new Set(blocks.map((b) => b.stage))];
  return (
    <section className="card masks-filmstrip" aria-label="All blocks">
      <h3 className="card-title">
        All blocks{' '}
        <span className="hint">
          activation rate per block, measured from the masks · click to select
        </span>
      </h3>
      <div className="filmstrip-stages">
        {stages.map((stage) => (
          <div
            key={stage}
            className="filmstrip-stage"
            style={{ ['--stage-color' as string]: `var(--stage-${(stage % 4) + 1})` }}
          >
            <div className="filmstrip-stage-label">Stage {stage + 1}</div>
            <div className="filmstrip-tiles">
              {blocks
                .filter((b) => b.stage === stage)
                .map((b) => (
                  <Tile
                    key={b.key}
                    block={b}
                    input={input}
                    selected={shown?.key === b.key}
                    atlas={atlas}
                  />
                ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
});
