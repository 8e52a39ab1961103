import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MaskAtlas } from '../../worker/masksAtlas';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { useStudio } from '../../store';
import type { MaskCardProps } from './OverlayCard';
import { rateText, sizeRateBox, writeTile, type WrittenTile } from './tileText';
import { LateTileNames } from './lateTileNames';
import { TILE_CSS_PX as TILE_PX } from './atlasRequest';
import { OffScreenSet } from '../../controls/offScreenSet';
import { drawStrip, measure, type Placement } from './stripCanvas';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

/**
 * How far below (or above) the view a row of tiles is still drawn at each change: the cards above it
 * growing or shrinking by a line or two of text move it by less.
 */
const ROW_MARGIN = '64px 0px';

/** Test ids cannot hold "/" comfortably in CSS selectors: stage1/0 → stage1-0. */
export const tileId = (key: string) => key.replace('/', '-');

/** The colour the tiles' text has (the theme's), read from the canvas's box (it inherits it). */
const textColour = (layer: HTMLElement) => getComputedStyle(layer).color;

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
  written: WeakMap<HTMLElement, WrittenTile & { block: BlockMaskSet }>;
  /** The length of text each tile's rate box is sized for, by its text element. */
  chars: WeakMap<HTMLElement, number>;
}

const keep =
  <T extends HTMLElement>(map: Map<string, T>, key: string) =>
  (el: T | null) => {
    if (el) map.set(key, el);
    else map.delete(key);
  };

/**
 * The tiles' DOM: buttons (selection, focus, accessible names, test ids) over the strip's canvas. Renders
 * only when the blocks or the selection change; the rates are written into it by `writeTile` (the box's
 * size at once, the rest late during a drag: see lateTileNames.ts).
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
export const Filmstrip = memo(function Filmstrip(props: MaskCardProps) {
  const { feed } = props;
  const { result, atlas } = feed?.get() ?? props;
  const input = useStudio((s) => s.maskImage?.input ?? null);
  const { blocks } = result;
  const shown = useShownBlock(blocks);
  const shape = useShape(blocks);
  // The layer that holds the rows' canvases (stripCanvas.ts); React renders nothing into it.
  const layerRef = useRef<HTMLDivElement>(null);
  const [refs] = useState<TileRefs>(() => ({
    buttons: new Map(),
    rates: new Map(),
    texts: new Map(),
    slots: new Map(),
    written: new WeakMap(),
    chars: new WeakMap(),
  }));
  // The tiles' text, names and data attributes, written when a drag pauses (nothing of it is shown).
  const [names] = useState(
    () =>
      new LateTileNames((key) => {
        const button = refs.buttons.get(key);
        const rate = refs.rates.get(key);
        const text = refs.texts.get(key);
        return button && rate && text ? { button, rate, text } : null;
      }, refs.written),
  );
  useEffect(() => () => names.stop(), [names]);
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

  // Rows out of view are not drawn at a change; they catch up when they may come into view.
  const [rows] = useState(() => new OffScreenSet<HTMLCanvasElement>(ROW_MARGIN));
  useEffect(() => {
    rows.drawWith(() => {
      const layer = layerRef.current;
      const host = layer?.parentElement;
      if (!layer || !host) return;
      const { blocks: b, atlas: a, input: p } = latest.current;
      placement.current ??= measure(host, layer, refs);
      colour.current ??= textColour(layer);
      drawStrip(placement.current, b, a, p, colour.current, true);
    });
    return () => rows.stop();
  }, [rows, refs]);

  // The tiles' rates and the strip's canvases, at each render and at each new set of masks of the
  // same structure (from the feed, without a render).
  useLayoutEffect(() => {
    const show = (blocks: BlockMaskSet[], atlas: MaskAtlas, input: ImageBitmap | null) => {
      latest.current = { blocks, atlas, input };
      // Tiles first (their text sets the tiles' widths), then the canvas, drawn where the tiles now are.
      for (const block of blocks) {
        const button = refs.buttons.get(block.key);
        const rate = refs.rates.get(block.key);
        const text = refs.texts.get(block.key);
        if (!button || !rate || !text) continue;
        const last = refs.written.get(text) ?? null;
        if (!last) {
          // A new tile: everything at once.
          const out = writeTile({ button, rate, text }, block, null);
          refs.written.set(text, { ...out.written, block });
          refs.chars.set(text, out.written.text.length);
          placement.current = null;
          continue;
        }
        // The same block (the masker keeps unchanged blocks' objects) shows what was written.
        if (last.block === block && !names.isDue(block.key)) continue;
        // The box's width is on screen (the tiles may move): now. The rest when the drag pauses.
        const chars = last.block === block ? last.text.length : rateText(block).length;
        if (refs.chars.get(text) !== chars) {
          sizeRateBox(rate, chars);
          refs.chars.set(text, chars);
          placement.current = null;
        }
        if (last.block === block) names.drop(block.key);
        else names.defer(block);
      }
      names.restart();
      const layer = layerRef.current;
      const host = layer?.parentElement;
      if (!layer || !host) return;
      const same = placement.current !== null;
      placement.current ??= measure(host, layer, refs);
      if (!same) rows.watch(placement.current.bands.map((band) => band.canvas));
      // Read once (a style read after this commit's changes would recompute styles); see the theme watch.
      colour.current ??= textColour(layer);
      // The rows out of view are left behind (see controls/offScreenSet.ts).
      if (drawStrip(placement.current, blocks, atlas, input, colour.current, same, rows.shown))
        rows.behind();
    };
    show(blocks, atlas, input);
    return feed?.subscribe((masks) =>
      show(masks.result.blocks, masks.atlas, useStudio.getState().maskImage?.input ?? null),
    );
  }, [blocks, atlas, input, shape, refs, rows, names, feed]);

  // The tiles move when the card is resized (wrapping): redraw then.
  useEffect(() => {
    const layer = layerRef.current;
    const host = layer?.parentElement;
    if (!layer || !host || typeof ResizeObserver === 'undefined') return;
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) return void (first = false);
      const { blocks: b, atlas: a, input: p } = latest.current;
      placement.current = measure(host, layer, refs);
      rows.watch(placement.current.bands.map((band) => band.canvas));
      colour.current = textColour(layer);
      // Every row (the layout changed: which rows are on screen is not known before it is observed).
      drawStrip(placement.current, b, a, p, colour.current);
      rows.caughtUp();
    });
    observer.observe(host);
    // The rates' colour follows the theme: drawn again when it changes.
    const themes = new MutationObserver(() => {
      const { blocks: b, atlas: a, input: p } = latest.current;
      colour.current = textColour(layer);
      if (placement.current) drawStrip(placement.current, b, a, p, colour.current);
    });
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer.disconnect();
      themes.disconnect();
    };
  }, [refs, rows]);

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
        <div ref={layerRef} className="filmstrip-canvases" aria-hidden="true" />
      </div>
    </section>
  );
});
