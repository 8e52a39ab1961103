import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DEFAULT_OVERLAY_COLOURS, type Rgba } from '../../../../core/maskfile/overlay';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import type { MaskResult, OverlayMode } from '../../store/masksSlice';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { drawGrid, prepareCanvas } from './draw';
import { BlockStats, noSlots, writeBlockStats, writeNode } from './BlockStats';
import { cachedAttrWriter } from '../../components/liveWrites';
import type { CardMasks, MasksFeed } from './masksFeed';
import { shownBlockNow, useShownBlock } from './useShownMasks';
import type { ShownMasks } from './selection';

/**
 * What the cards draw: the shown masks and their pictures (see masksFeed.ts), and the view's feed of
 * the masks now (without it, the card shows these props only).
 */
export interface MaskCardProps {
  result: MaskResult;
  source: ShownMasks['source'];
  atlas: MaskAtlas;
  feed?: MasksFeed;
}

/** Display side of the 224×224 input (2×, so each input pixel stays visible). */
const SIDE_PX = 448;

const css = (c: Rgba, alpha = c[3] / 255) => `rgb(${c[0]} ${c[1]} ${c[2]} / ${alpha.toFixed(2)})`;

function hasGrid(block: BlockMaskSet): boolean {
  return block.grid !== null && block.mode !== 'layer';
}

/** The decision under the pointer, for the read-out below the image. */
function cellAt(block: BlockMaskSet, xFrac: number, yFrac: number) {
  const grid = block.grid;
  if (!grid) return null;
  const row = Math.min(grid.height - 1, Math.floor(yFrac * grid.height));
  const col = Math.min(grid.width - 1, Math.floor(xFrac * grid.width));
  const i = row * grid.width + col;
  let kept = false;
  for (let g = 0; g < grid.groups; g++) kept ||= grid.data[g * grid.height * grid.width + i] !== 0;
  const score = block.gridScore?.data[i];
  return { row, col, kept, score: score === undefined ? null : score };
}

/** The overlay's controls (a new rate does not re-render them). */
const OverlayControls = memo(function OverlayControls({
  mode,
  opacity,
  showGrid,
}: {
  mode: OverlayMode;
  opacity: number;
  showGrid: boolean;
}) {
  return (
    <div className="masks-controls">
      <div className="segmented" role="group" aria-label="Overlay">
        {(['binary', 'score'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="btn small"
            aria-pressed={mode === m}
            data-testid={`mask-mode-${m}`}
            onClick={() => useStudio.getState().setOverlayMode(m)}
          >
            {m === 'binary' ? 'Kept / skipped' : 'Soft score'}
          </button>
        ))}
      </div>
      <label className="masks-opacity">
        <span className="hint">Opacity</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          data-testid="mask-opacity"
          onChange={(e) => useStudio.getState().setOverlayOpacity(Number(e.currentTarget.value))}
        />
      </label>
      <label className="masks-check">
        <input
          type="checkbox"
          checked={showGrid}
          data-testid="mask-show-grid"
          onChange={(e) => useStudio.getState().setShowMaskGrid(e.currentTarget.checked)}
        />
        <span className="hint">Grid</span>
      </label>
    </div>
  );
});

/** The overlay's legend (a new rate does not re-render it). */
const OverlayLegend = memo(function OverlayLegend({
  mode,
  source,
}: {
  mode: OverlayMode;
  source: ShownMasks['source'];
}) {
  const { keep, skip, conv1Extra } = DEFAULT_OVERLAY_COLOURS;
  return mode === 'binary' ? (
    <ul className="masks-legend" aria-label="Legend">
      <li>
        <span className="swatch" style={{ background: css(keep, 0.9) }} /> kept (conv2, conv3)
      </li>
      <li>
        <span className="swatch" style={{ background: css(conv1Extra, 0.9) }} /> computed by conv1
        only (3×3 reads)
      </li>
      <li>
        <span className="swatch" style={{ background: css(skip, 0.9) }} /> skipped
      </li>
    </ul>
  ) : (
    <div className="masks-legend score">
      <span className="hint">skip</span>
      <span
        className="ramp"
        style={{
          background: `linear-gradient(to right, ${css(skip, 0.9)}, transparent, ${css(keep, 0.9)})`,
        }}
      />
      <span className="hint">
        keep · keep − skip logit{source === 'proxy' ? ' (proxy: saliency margin)' : ''}
      </span>
    </div>
  );
});

/** The read-out's text for the pointer at `hover` (fractions of the overlay's side) over `block`. */
function readoutText(block: BlockMaskSet, hover: { x: number; y: number } | null): string {
  const cell = hover ? cellAt(block, hover.x, hover.y) : null;
  return cell
    ? `Cell row ${cell.row + 1}, column ${cell.col + 1}: ${cell.kept ? 'kept' : 'skipped'}${
        cell.score === null ? '' : ` · score ${cell.score >= 0 ? '+' : ''}${cell.score.toFixed(3)}`
      }`
    : 'Point at a cell to read its decision and score.';
}

/**
 * The network input with the selected block's mask over it, its grid, and the overlay controls. Renders
 * with the masks' structure; new masks of the same structure (a rate change) are written into the mask
 * canvas, the read-out and the stats from `feed`.
 */
export const OverlayCard = memo(function OverlayCard(props: MaskCardProps) {
  const { feed } = props;
  const { result, source } = feed?.get() ?? props;
  const image = useStudio((s) => s.maskImage);
  const mode = useStudio((s) => s.overlayMode);
  const opacity = useStudio((s) => s.overlayOpacity);
  const showGrid = useStudio((s) => s.showMaskGrid);
  const block = useShownBlock(result.blocks);
  const photoRef = useRef<HTMLCanvasElement>(null);
  const maskRef = useRef<HTMLCanvasElement>(null);
  const gridRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const [slots] = useState(noSlots);
  const [attr] = useState(cachedAttrWriter);
  // What the mask canvas shows (its block, mode and picture), to draw it only when that changes.
  const drawn = useRef<{ block: BlockMaskSet; mode: OverlayMode; from: CanvasImageSource } | null>(
    null,
  );
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const gridRows = block && showGrid && hasGrid(block) ? (block.grid?.height ?? 0) : 0;
  const gridCols = block && showGrid && hasGrid(block) ? (block.grid?.width ?? 0) : 0;

  // Three layers, each drawn only when what it shows changes: the photo (per image), the mask at its
  // own resolution, blown up by CSS without smoothing (per change: a few thousand pixels, not 448²),
  // and the grid (per grid size).
  useEffect(() => {
    const canvas = photoRef.current;
    if (!canvas || !image) return;
    const ctx = prepareCanvas(canvas, SIDE_PX, SIDE_PX);
    if (!ctx) return;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(image.input, 0, 0, SIDE_PX, SIDE_PX);
  }, [image]);

  // The mask, the read-out and the stats: now, and at each new set of masks of this structure.
  useLayoutEffect(() => {
    const write = (masks: CardMasks, shown: BlockMaskSet | null) => {
      drawMask(maskRef.current, masks.atlas, shown, mode, drawn);
      if (!shown) return;
      const readout = readoutRef.current;
      if (readout && hover) writeNode(readout, 0, readoutText(shown, hover));
      writeBlockStats(slots, shown, attr);
    };
    const now = feed?.get() ?? props;
    write(now, block);
    return feed?.subscribe((masks) => write(masks, shownBlockNow(masks.result.blocks)));
  }, [feed, props, block, mode, hover, slots, attr]);

  useEffect(() => {
    const canvas = gridRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, SIDE_PX, SIDE_PX);
    if (!ctx || gridRows === 0 || gridCols === 0) return;
    drawGrid(ctx, 0, 0, SIDE_PX, gridRows, gridCols, 'rgb(255 255 255 / 0.45)');
  }, [gridRows, gridCols]);

  if (!block || !image) return null;
  return (
    <section className="card masks-overlay-card" aria-label="Mask over the network input">
      <h3 className="card-title" data-testid="mask-overlay-title">
        Block {block.key}
        <span className="hint">{image.name} · 224×224 network input</span>
      </h3>
      <div
        className="masks-overlay-canvas"
        style={{ width: SIDE_PX, height: SIDE_PX }}
        data-testid="mask-overlay"
        data-block={block.key}
        aria-label={`Mask of block ${block.key} over the input image`}
        role="img"
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setHover({ x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height });
        }}
        onMouseLeave={() => setHover(null)}
      >
        <canvas ref={photoRef} style={{ width: SIDE_PX, height: SIDE_PX }} />
        <canvas
          ref={maskRef}
          className="masks-overlay-mask"
          style={{ width: SIDE_PX, height: SIDE_PX, opacity }}
        />
        <canvas ref={gridRef} style={{ width: SIDE_PX, height: SIDE_PX }} />
      </div>
      <div className="masks-readout hint" aria-live="off" ref={readoutRef}>
        {readoutText(block, hover)}
      </div>
      <OverlayControls mode={mode} opacity={opacity} showGrid={showGrid} />
      <OverlayLegend mode={mode} source={source} />
      <BlockStats block={block} slots={slots} />
    </section>
  );
});

/**
 * Draws `block`'s overlay in `mode` from `atlas` into the mask canvas (at the overlay's own side), unless
 * the canvas shows it already (`drawn`: what it shows).
 */
function drawMask(
  canvas: HTMLCanvasElement | null,
  atlas: MaskAtlas,
  block: BlockMaskSet | null,
  mode: OverlayMode,
  drawn: { current: { block: BlockMaskSet; mode: OverlayMode; from: CanvasImageSource } | null },
): void {
  if (!canvas) return;
  const last = drawn.current;
  if (block && last && last.block === block && last.mode === mode && last.from === atlas.overlays)
    return;
  drawn.current = block ? { block, mode, from: atlas.overlays } : null;
  // The block's overlay at its own resolution, in the atlas (drawn by the worker for proxy masks).
  const rect = block ? (atlas.layout.overlays[block.key]?.[mode] ?? null) : null;
  const side = rect?.side ?? 1;
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, side, side);
  if (!rect || !block) return;
  atlas.prepare?.(block.key, mode);
  ctx.drawImage(atlas.overlays, rect.x, rect.y, side, side, 0, 0, side, side);
}
