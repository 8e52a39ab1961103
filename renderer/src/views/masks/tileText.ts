import { blockRateRow } from '../../../../core/maskfile/rates';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { blockSkipped, formatMaskRate } from './selection';

/** The rate a filmstrip tile shows under its picture. */
export function rateText(block: BlockMaskSet): string {
  const { spatial, channel } = block.rates;
  if (block.mode === 'static') return 'dense';
  if (block.mode === 'layer') return spatial === 1 ? 'runs' : 'skipped';
  if (spatial !== null && channel !== null)
    return `${formatMaskRate(spatial)} · ch ${formatMaskRate(channel)}`;
  return formatMaskRate(spatial ?? channel ?? 1);
}

/** The DOM of one tile that a rate change writes to. */
export interface TileElements {
  button: HTMLElement;
  /** The rate's box (its size follows the text's length). */
  rate: HTMLElement;
  /** The rate's text, not displayed: the strip's canvas draws it (see Filmstrip.tsx). */
  text: HTMLElement;
}

/** What was last written into a tile, so that a change compares strings instead of reading the DOM. */
export interface WrittenTile {
  text: string;
  attributes: string;
}

/** The rate box's data attributes (`data-…`), in the order of `WrittenTile.attributes`. */
const ATTRIBUTES = ['rate', 'spatial-rate', 'channel-rate', 'conv1-rate', 'conv2-rate', 'gate'];

const str = (v: number | string | null | undefined) => (v ?? '') + '';

/** Sizes a tile's rate box to `chars` characters of its (monospace) text (the tiles may move). */
export function sizeRateBox(rate: HTMLElement, chars: number): void {
  rate.style.setProperty('--rate-chars', String(chars));
}

/**
 * Writes a block's rate into its tile (text, data attributes, accessible name, skipped class), touching
 * only what differs from `last` (the previous write into these elements; null: the first). Nothing of it
 * is displayed (the canvas draws the text; no style reads the attributes or the class), so a drag may
 * write it late (see Filmstrip.tsx); the box's size is {@link sizeRateBox}'s. Returns what it wrote.
 */
export function writeTileNames(
  tile: TileElements,
  block: BlockMaskSet,
  last: WrittenTile | null,
  text = rateText(block),
): WrittenTile {
  const rates = blockRateRow(block);
  const skipped = blockSkipped(block);
  const values = [
    str(rates.spatialRate ?? rates.channelRate),
    str(rates.spatialRate),
    str(rates.channelRate),
    str(rates.conv1Rate),
    str(rates.conv2Rate),
    str(rates.gate),
  ];
  const attributes = `${values.join('|')}|${skipped}`;
  if (last?.text !== text) {
    // The text node's data, not `textContent` (which would replace the node).
    const node = tile.text.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && node === tile.text.lastChild)
      (node as Text).data = text;
    else tile.text.textContent = text;
    tile.button.setAttribute('aria-label', `Block ${block.key}, ${text}`);
  }
  if (last?.attributes !== attributes) {
    // Only the values that differ (a rate change leaves the gate and most others alone).
    const previous = last?.attributes.split('|');
    ATTRIBUTES.forEach((name, i) => {
      const value = values[i] as string;
      if (previous?.[i] !== value) tile.rate.setAttribute(`data-${name}`, value);
    });
    if (previous?.[ATTRIBUTES.length] !== String(skipped))
      tile.button.classList.toggle('skipped', skipped);
  }
  return { text, attributes };
}

/**
 * Writes a block's rate into its tile at once: {@link writeTileNames}, and the box sized to the text when
 * its length changed. The text is in an element that is not displayed, so a new rate lays nothing out:
 * the canvas shows it. Returns what it wrote and whether the rate's box changed size (the tiles may move).
 */
export function writeTile(
  tile: TileElements,
  block: BlockMaskSet,
  last: WrittenTile | null,
): { written: WrittenTile; resized: boolean } {
  const text = rateText(block);
  const before = last?.text ?? tile.text.textContent ?? '';
  // The box is as wide as its (monospace) text, and contains its layout (masks.css).
  const resized = last === null || before.length !== text.length;
  if (resized) sizeRateBox(tile.rate, text.length);
  return { written: writeTileNames(tile, block, last, text), resized };
}

/**
 * The baseline of one line of text set in a box `height` high with that line height, from the font's
 * ascent and descent (rounded, as the page's text layout rounds them): where the page draws it.
 */
export function baselineIn(top: number, height: number, ascent: number, descent: number): number {
  const a = Math.round(ascent);
  const d = Math.round(descent);
  return top + Math.floor((height - (a + d)) / 2) + a;
}
