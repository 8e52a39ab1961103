import { memo, useEffect, useRef } from 'react';
import { rasterizeOverlay } from '../../../../core/maskfile/overlay';
import { blockRateRow } from '../../../../core/maskfile/rates';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { channelStripRgba, pixelsCanvas, prepareCanvas } from './draw';
import { blockSkipped, formatMaskRate, type ShownMasks } from './selection';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

const TILE_PX = 64;
const STRIP_PX = 7;

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
}: {
  block: BlockMaskSet;
  input: ImageBitmap | null;
  selected: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, TILE_PX, TILE_PX);
    if (!ctx) return;
    if (input) ctx.drawImage(input, 0, 0, TILE_PX, TILE_PX);
    ctx.imageSmoothingEnabled = false;
    if (block.conv2)
      ctx.drawImage(
        pixelsCanvas(rasterizeOverlay(block, { sidePx: TILE_PX }), TILE_PX, TILE_PX),
        0,
        0,
      );
    if (block.channel) {
      const strip = pixelsCanvas(
        channelStripRgba(block.channel, [0, 190, 110], [40, 40, 60]),
        block.channel.length,
        1,
      );
      ctx.drawImage(strip, 0, TILE_PX - STRIP_PX, TILE_PX, STRIP_PX);
    }
  }, [block, input]);
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
export function Filmstrip({ masks }: { masks: ShownMasks }) {
  const input = useStudio((s) => s.maskImage?.input ?? null);
  const { blocks } = masks.result;
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
                  <Tile key={b.key} block={b} input={input} selected={shown?.key === b.key} />
                ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
