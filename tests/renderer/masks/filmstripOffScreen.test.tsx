/**
 * The filmstrip draws at a change only the rows of tiles on screen: a row scrolled out of view is left
 * as it is and catches up at the first scroll or resize, or when it comes into view (jsdom has neither
 * canvases nor an IntersectionObserver nor a layout: all three are faked here).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Filmstrip } from '../../../renderer/src/views/masks/Filmstrip';
import { TILE_NAMES_QUIET_MS } from '../../../renderer/src/views/masks/lateTileNames';
import type { MaskCardProps } from '../../../renderer/src/views/masks/OverlayCard';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { buildMaskAtlas } from '../../../renderer/src/worker/masksAtlas';
import { defaultConfig } from '../../../core/config/defaults';
import { setTargetRate } from '../../../renderer/src/store/configEdits';
import { rampSaliency } from './helpers';
import { installFakeIntersectionObserver, scrolled } from '../fakeIntersectionObserver';

/** What was drawn into each canvas: the texts filled and the pictures copied, in order. */
const drawn = new Map<HTMLCanvasElement, string[]>();

/** A 2D context that records its canvas's `fillText` and `drawImage` calls and ignores the rest. */
function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const log = (entry: string) => {
    const list = drawn.get(canvas) ?? [];
    list.push(entry);
    drawn.set(canvas, list);
  };
  const ctx: Record<string | symbol, unknown> = {
    canvas,
    fillText: (text: string) => log(`text ${text}`),
    drawImage: () => log('image'),
    measureText: () => ({ fontBoundingBoxAscent: 9, fontBoundingBoxDescent: 3 }),
  };
  return new Proxy(ctx, {
    get: (target, key) => (key in target ? target[key] : () => undefined),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();

beforeAll(() => {
  installFakeIntersectionObserver();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    let ctx = contexts.get(this);
    if (!ctx) contexts.set(this, (ctx = fakeContext(this)));
    return ctx;
  });
  // A layout: each stage's tiles in a row of their own, 100 px apart, 80 px between tiles.
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const tile = this.closest('[data-testid^="mask-tile-stage"]');
    const m = tile?.getAttribute('data-testid')?.match(/stage(\d+)-(\d+)$/);
    const stage = m ? Number(m[1]) : 0;
    const i = m ? Number(m[2]) : 0;
    const rate = this.classList.contains('mask-tile-rate');
    const [x, y, w, h] = m
      ? [i * 80, stage * 100 + (rate ? 70 : 0), 64, rate ? 14 : 64]
      : [0, 0, 0, 0];
    return { x, y, left: x, top: y, width: w, height: h, right: x + w, bottom: y + h } as DOMRect;
  });
});
afterAll(() => vi.restoreAllMocks());
afterEach(() => {
  cleanup();
  drawn.clear();
});

/** The cards' props for proxy masks of ResNet-50 at global rate `rate`. */
function cardProps(rate: number): MaskCardProps {
  const config = setTargetRate(defaultConfig('resnet50'), rate);
  const { blocks, ponder } = proxyMasksFor(rampSaliency(), config);
  const { layout } = buildMaskAtlas(blocks, ponder, { tilePx: 64, tileStripPx: 7 });
  const image = {} as CanvasImageSource;
  return {
    source: 'proxy',
    result: { blocks, ponder },
    atlas: { layout, tiles: image, overlays: image, strips: image, ponder: image },
  };
}

/** The rows' canvases, top to bottom (stage 1's row first). */
const rowCanvases = () =>
  Array.from(document.querySelectorAll<HTMLCanvasElement>('.filmstrip-canvases canvas'));

/** What a row's canvas drew since the last clear: its pictures, and its texts. */
const images = (canvas: HTMLCanvasElement) =>
  (drawn.get(canvas) ?? []).filter((e) => e === 'image').length;
const texts = (canvas: HTMLCanvasElement) =>
  (drawn.get(canvas) ?? []).filter((e) => e.startsWith('text '));

/** Tiles per row of ResNet-50 (blocks per stage). */
const TILES = [3, 4, 6, 3];

/** Draws the strip at rate 0.5, reports every row but stage 1's out of view, changes the rate. */
function changedOutOfView() {
  const view = render(<Filmstrip {...cardProps(0.5)} />);
  const rows = rowCanvases();
  // One row per stage, each drawn whole (pictures and rates).
  expect(rows.map(images)).toEqual(TILES);
  for (const canvas of rows.slice(1)) scrolled(canvas, false);
  drawn.clear();
  view.rerender(<Filmstrip {...cardProps(0.25)} />);
  return { rows, view };
}

describe('Filmstrip rows out of view', () => {
  it('are not drawn at a change; the rows on screen are, and the tiles’ text follows', () => {
    vi.useFakeTimers();
    const { rows } = changedOutOfView();
    expect(rows.map(images)).toEqual([3, 0, 0, 0]);
    expect(texts(rows[0]!)).toEqual(['text 25.0%', 'text 25.0%', 'text 25.0%']);
    // The DOM (names, the text read by tests and assistive technology) follows once the rates rest.
    act(() => {
      vi.advanceTimersByTime(TILE_NAMES_QUIET_MS);
    });
    expect(screen.getByTestId('mask-tile-rate-stage3-0').textContent).toMatch(/^2\d\.\d%$/);
    vi.useRealTimers();
  });

  it('catch up at the first scroll (of the page or any scroller), before that frame paints', () => {
    const { rows } = changedOutOfView();
    drawn.clear();
    document.body.dispatchEvent(new Event('scroll'));
    expect(rows.map(images)).toEqual([0, ...TILES.slice(1)]);
    expect(texts(rows[2]!)).toHaveLength(6);
    // Caught up: a second scroll draws nothing.
    drawn.clear();
    document.body.dispatchEvent(new Event('scroll'));
    expect(rows.map(images)).toEqual([0, 0, 0, 0]);
  });

  it('catch up when they come into view', () => {
    const { rows } = changedOutOfView();
    scrolled(rows[2]!, true);
    expect(rows.map(images)).toEqual([3, ...TILES.slice(1)]);
  });

  it('catch up at a window resize (a taller window can uncover them without a scroll)', () => {
    const { rows, view } = changedOutOfView();
    drawn.clear();
    window.dispatchEvent(new Event('resize'));
    expect(rows.map(images)).toEqual([0, ...TILES.slice(1)]);
    // Still out of view: the next change leaves them behind again.
    drawn.clear();
    view.rerender(<Filmstrip {...cardProps(0.75)} />);
    expect(rows.map(images)).toEqual([3, 0, 0, 0]);
  });
});
