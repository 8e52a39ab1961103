import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { prepareCanvas, scaledInput } from './draw';
import type { MaskCardProps } from './OverlayCard';
import { blockSkipped } from './selection';
import { baselineIn, rateText, writeTile, type WrittenTile } from './tileText';
import { TILE_CSS_PX as TILE_PX } from './atlasRequest';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

/** Test ids cannot hold "/" comfortably in CSS selectors: stage1/0 → stage1-0. */
export const tileId = (key: string) => key.replace('/', '-');

/** Where the tiles' pictures sit in the strip (CSS pixels), measured after a change of layout only. */
interface Placement {
  width: number;
  height: number;
  at: Map<string, { x: number; y: number }>;
  /** The rates' boxes, where the canvas draws their text. */
  rates: Map<string, { x: number; y: number; width: number; height: number }>;
  /** The rates' font (CSS shorthand), as the page sets it. */
  font: string;
  /** What each rate's box shows now (colour and text), to draw only the rates that changed. */
  drawn: Map<string, string>;
}

function measure(host: HTMLElement, refs: TileRefs): Placement {
  const box = host.getBoundingClientRect();
  const at = new Map<string, { x: number; y: number }>();
  for (const [key, slot] of refs.slots) {
    const r = slot.getBoundingClientRect();
    at.set(key, { x: Math.round(r.left - box.left), y: Math.round(r.top - box.top) });
  }
  const rates: Placement['rates'] = new Map();
  let font = '';
  for (const [key, el] of refs.rates) {
    const r = el.getBoundingClientRect();
    rates.set(key, { x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height });
    if (!font) {
      const style = getComputedStyle(el);
      font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    }
  }
  return {
    width: Math.ceil(box.width),
    height: Math.ceil(box.height),
    at,
    rates,
    font,
    drawn: new Map(),
  };
}

/** The rates' text, drawn where the page would set it in their boxes (see tileText.ts). */
function drawRates(
  ctx: CanvasRenderingContext2D,
  placement: Placement,
  blocks: readonly BlockMaskSet[],
  colour: string,
  redraw: boolean,
) {
  if (!placement.font) return;
  ctx.font = placement.font;
  ctx.fillStyle = colour;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const metrics = ctx.measureText('0');
  const ascent = metrics.fontBoundingBoxAscent;
  const descent = metrics.fontBoundingBoxDescent;
  // A full draw starts on a clear canvas; a redraw leaves the rates that did not change.
  if (!redraw) placement.drawn.clear();
  for (const block of blocks) {
    const r = placement.rates.get(block.key);
    if (!r) continue;
    const text = rateText(block);
    const look = `${colour}|${text}`;
    if (placement.drawn.get(block.key) === look) continue;
    placement.drawn.set(block.key, look);
    // No clip (a clip per tile cost more than the text): the text is as wide as its box; the clear
    // takes a pixel more on each side for the glyphs' antialiased edges.
    if (redraw) ctx.clearRect(r.x - 1, r.y, r.width + 2, r.height);
    ctx.fillText(text, r.x, baselineIn(r.y, r.height, ascent, descent));
  }
}

/**
 * Draws every tile into the strip's one canvas, at the place of its tile's picture slot (one compositing
 * layer for the whole strip instead of one per tile). `redraw`: the tiles are where they were at the
 * last draw, so only their squares are cleared and drawn again (not the whole canvas).
 */
function drawStrip(
  canvas: HTMLCanvasElement,
  placement: Placement,
  blocks: readonly BlockMaskSet[],
  atlas: MaskAtlas,
  input: ImageBitmap | null,
  colour: string,
  redraw = false,
) {
  const { width, height } = placement;
  const w = `${width}px`;
  const h = `${height}px`;
  if (canvas.style.width !== w) canvas.style.width = w;
  if (canvas.style.height !== h) canvas.style.height = h;
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const sized =
    canvas.width === Math.round(width * ratio) && canvas.height === Math.round(height * ratio);
  // A canvas of another size is set up (and so cleared) again: everything is drawn then.
  const again = redraw && sized;
  const ctx = again ? canvas.getContext('2d') : prepareCanvas(canvas, width, height);
  if (!ctx) return;
  const { layout } = atlas;
  const side = layout.tilePx;
  const photo = input && !layout.composited ? scaledInput(input, TILE_PX) : null;
  for (const block of blocks) {
    const place = placement.at.get(block.key);
    const i = layout.index[block.key];
    if (!place) continue;
    const { x, y } = place;
    if (again) ctx.clearRect(x, y, TILE_PX, TILE_PX);
    ctx.globalAlpha = blockSkipped(block) ? 0.45 : 1;
    ctx.imageSmoothingEnabled = false;
    if (layout.composited) {
      // The worker's tiles have the photo and their rounded corners in them: one copy each.
      if (i !== undefined)
        ctx.drawImage(atlas.tiles, i * side, 0, side, side, x, y, TILE_PX, TILE_PX);
      continue;
    }
    ctx.save();
    ctx.beginPath();
    if (typeof ctx.roundRect === 'function') ctx.roundRect(x, y, TILE_PX, TILE_PX, 3);
    else ctx.rect(x, y, TILE_PX, TILE_PX);
    ctx.clip();
    // A dump's tiles are drawn over the photo here.
    if (photo) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(photo, x, y, TILE_PX, TILE_PX);
      ctx.imageSmoothingEnabled = false;
    }
    // One copy of the tile (overlay and channel strip): drawn at the device pixel ratio, so 1:1.
    if (i !== undefined)
      ctx.drawImage(atlas.tiles, i * side, 0, side, side, x, y, TILE_PX, TILE_PX);
    ctx.restore();
  }
  ctx.globalAlpha = 1;
  drawRates(ctx, placement, blocks, colour, again);
}

/** The colour the tiles' text has (the theme's), read from the canvas's box (it inherits it). */
const textColour = (canvas: HTMLCanvasElement) => getComputedStyle(canvas).color;

interface StripShape {
  stages: { stage: number; keys: string[] }[];
}

/** The strip's structure (stages and block keys), which a rate change leaves alone. */
function useShape(blocks: readonly BlockMaskSet[]): StripShape {
  const signature = blocks.map((b) => `${b.stage}:${b.key}`).join(',');
  return useMemo(() => {
    const stages: StripShape['stages'] = [];
    for (const entry of signature.split(',')) {
      if (!entry) continue;
      const [stage, key] = entry.split(':') as [string, string];
      const n = Number(stage);
      let group = stages.find((s) => s.stage === n);
      if (!group) stages.push((group = { stage: n, keys: [] }));
      group.keys.push(key);
    }
    return { stages };
  }, [signature]);
}

interface TileRefs {
  buttons: Map<string, HTMLButtonElement>;
  rates: Map<string, HTMLElement>;
  texts: Map<string, HTMLElement>;
  slots: Map<string, HTMLElement>;
  /** What was last written into each tile, by its text element (a new element starts afresh). */
  written: WeakMap<HTMLElement, WrittenTile>;
}

const keep =
  <T extends HTMLElement>(map: Map<string, T>, key: string) =>
  (el: T | null) => {
    if (el) map.set(key, el);
    else map.delete(key);
  };

/**
 * The tiles' DOM: buttons (selection, focus, accessible names, test ids) over the strip's canvas. Renders
 * only when the blocks or the selection change; the rates are written into it by `writeTile`.
 */
const StripTiles = memo(function StripTiles({
  shape,
  selectedKey,
  refs,
  onSelect,
}: {
  shape: StripShape;
  selectedKey: string | null;
  refs: TileRefs;
  onSelect: (key: string) => void;
}) {
  return shape.stages.map(({ stage, keys }) => (
    <div
      key={stage}
      className="filmstrip-stage"
      style={{ ['--stage-color' as string]: `var(--stage-${(stage % 4) + 1})` }}
    >
      <div className="filmstrip-stage-label">Stage {stage + 1}</div>
      <div className="filmstrip-tiles">
        {keys.map((key) => {
          const selected = selectedKey === key;
          return (
            <button
              key={key}
              ref={keep(refs.buttons, key)}
              type="button"
              className={`mask-tile${selected ? ' selected' : ''}`}
              aria-pressed={selected}
              data-testid={`mask-tile-${tileId(key)}`}
              onClick={() => onSelect(key)}
            >
              <span
                ref={keep(refs.slots, key)}
                className="mask-tile-pic"
                style={{ width: TILE_PX, height: TILE_PX }}
              />
              <span className="mask-tile-key">{key.replace('stage', 'S')}</span>
              <span
                ref={keep(refs.rates, key)}
                className="mask-tile-rate"
                data-testid={`mask-tile-rate-${tileId(key)}`}
              >
                {/* The canvas draws the rate (a new text then lays nothing out). */}
                <span ref={keep(refs.texts, key)} hidden />
              </span>
            </button>
          );
        })}
      </div>
    </div>
  ));
});

/** Small multiples of every block's mask, grouped by stage; click one to select it. */
export const Filmstrip = memo(function Filmstrip({ result, atlas }: MaskCardProps) {
  const input = useStudio((s) => s.maskImage?.input ?? null);
  const { blocks } = result;
  const shown = useShownBlock(blocks);
  const shape = useShape(blocks);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [refs] = useState<TileRefs>(() => ({
    buttons: new Map(),
    rates: new Map(),
    texts: new Map(),
    slots: new Map(),
    written: new WeakMap(),
  }));
  // What the resize observer redraws and a click selects from (written after each commit).
  const latest = useRef({ blocks, atlas, input });

  // The last measured placement of the tiles; null when they may have moved since.
  const placement = useRef<Placement | null>(null);
  // The rates' text colour (the theme's), read when the strip is measured or the theme changes.
  const colour = useRef<string | null>(null);
  // Other blocks: other tiles, measured again.
  useEffect(() => {
    placement.current = null;
  }, [shape]);

  useEffect(() => {
    latest.current = { blocks, atlas, input };
    // Tiles first (their text sets the tiles' widths), then the canvas, drawn where the tiles now are.
    for (const block of blocks) {
      const button = refs.buttons.get(block.key);
      const rate = refs.rates.get(block.key);
      const text = refs.texts.get(block.key);
      if (!button || !rate || !text) continue;
      const out = writeTile({ button, rate, text }, block, refs.written.get(text) ?? null);
      refs.written.set(text, out.written);
      if (out.resized) placement.current = null;
    }
    const canvas = canvasRef.current;
    const host = canvas?.parentElement;
    if (!canvas || !host) return;
    const same = placement.current !== null;
    placement.current ??= measure(host, refs);
    // Read once (a style read after this commit's changes would recompute styles); see the theme watch.
    colour.current ??= textColour(canvas);
    drawStrip(canvas, placement.current, blocks, atlas, input, colour.current, same);
  }, [blocks, atlas, input, shape, refs]);

  // The tiles move when the card is resized (wrapping): redraw then.
  useEffect(() => {
    const canvas = canvasRef.current;
    const host = canvas?.parentElement;
    if (!canvas || !host || typeof ResizeObserver === 'undefined') return;
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) return void (first = false);
      const { blocks: b, atlas: a, input: p } = latest.current;
      placement.current = measure(host, refs);
      colour.current = textColour(canvas);
      drawStrip(canvas, placement.current, b, a, p, colour.current);
    });
    observer.observe(host);
    // The rates' colour follows the theme: drawn again when it changes.
    const themes = new MutationObserver(() => {
      const { blocks: b, atlas: a, input: p } = latest.current;
      colour.current = textColour(canvas);
      if (placement.current) drawStrip(canvas, placement.current, b, a, p, colour.current);
    });
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer.disconnect();
      themes.disconnect();
    };
  }, [refs]);

  const onSelect = useCallback((key: string) => {
    const block = latest.current.blocks.find((b) => b.key === key);
    if (block) selectMaskBlock(block);
  }, []);

  return (
    <section className="card masks-filmstrip" aria-label="All blocks">
      <h3 className="card-title">
        All blocks{' '}
        <span className="hint">
          activation rate per block, measured from the masks · click to select
        </span>
      </h3>
      <div className="filmstrip-stages">
        <StripTiles
          shape={shape}
          selectedKey={shown?.key ?? null}
          refs={refs}
          onSelect={onSelect}
        />
        <canvas ref={canvasRef} className="filmstrip-canvas" aria-hidden="true" />
      </div>
    </section>
  );
});
