import { memo, useEffect, useMemo, useRef } from 'react';
import { rasterizeOverlay } from '../../../../core/maskfile/overlay';
import { blockRateRow } from '../../../../core/maskfile/rates';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import { channelStripRgba, prepareCanvas, scaledInput } from './draw';
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

/**
 * Every tile's overlay and channel strip in one canvas (tile i at x = i·TILE_PX, its strip, one pixel
 * per group, in row TILE_PX + i): one putImageData per change for the whole filmstrip instead of one or two per tile, each of
 * which makes the canvas synchronise with its last draw.
 */
interface Atlas {
  canvas: HTMLCanvasElement;
  /** Column of each block's tile. */
  index: Map<string, number>;
}

function buildAtlas(blocks: readonly BlockMaskSet[]): Atlas {
  const groups = Math.max(0, ...blocks.map((b) => b.channel?.length ?? 0));
  const width = Math.max(TILE_PX * Math.max(1, blocks.length), groups);
  const height = TILE_PX + blocks.length;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const index = new Map<string, number>();
  blocks.forEach((block, i) => {
    index.set(block.key, i);
    if (block.conv2) {
      const tile = rasterizeOverlay(block, { sidePx: TILE_PX });
      for (let y = 0; y < TILE_PX; y++)
        rgba.set(
          tile.subarray(y * TILE_PX * 4, (y + 1) * TILE_PX * 4),
          (y * width + i * TILE_PX) * 4,
        );
    }
    if (block.channel) {
      const strip = channelStripRgba(block.channel, [0, 190, 110], [40, 40, 60]);
      rgba.set(strip, (TILE_PX + i) * width * 4);
    }
  });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, width, height), 0, 0);
  return { canvas, index };
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
  atlas: Atlas;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, TILE_PX, TILE_PX);
    if (!ctx) return;
    if (input) ctx.drawImage(scaledInput(input, TILE_PX), 0, 0, TILE_PX, TILE_PX);
    ctx.imageSmoothingEnabled = false;
    const i = atlas.index.get(block.key);
    if (i === undefined) return;
    const sx = i * TILE_PX;
    // drawImage blends the overlay's alpha over the photo.
    if (block.conv2) ctx.drawImage(atlas.canvas, sx, 0, TILE_PX, TILE_PX, 0, 0, TILE_PX, TILE_PX);
    if (block.channel) {
      const groups = block.channel.length;
      ctx.drawImage(
        atlas.canvas,
        0,
        TILE_PX + i,
        groups,
        1,
        0,
        TILE_PX - STRIP_PX,
        TILE_PX,
        STRIP_PX,
      );
    }
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
export function Filmstrip({ masks }: { masks: ShownMasks }) {
  const input = useStudio((s) => s.maskImage?.input ?? null);
  const { blocks } = masks.result;
  const shown = useShownBlock(blocks);
  const stages = [...new Set(blocks.map((b) => b.stage))];
  const atlas = useMemo(() => buildAtlas(blocks), [blocks]);
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
}
