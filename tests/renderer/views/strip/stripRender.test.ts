/**
 * The strip's renderer (the strip worker's drawing, or the page's where a canvas cannot be transferred):
 * it draws only once it has a canvas, the button boxes, the colours and the blocks, resizes the backing
 * store from the page's measurements, draws each block's rate text at its button, and its messages
 * survive the structured clone of a postMessage.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { architectureOrNull } from '../../../../renderer/src/store/selectors';
import { stripData, type StripStage } from '../../../../renderer/src/views/strip/stripData';
import type { StripColors } from '../../../../renderer/src/views/strip/stripPlan';
import {
  StripRenderer,
  stripRates,
  type StripCanvasLike,
  type StripMessage,
} from '../../../../renderer/src/views/strip/stripRender';
import { sameBlocks } from '../../../../renderer/src/views/strip/useStripCanvas';
import type { Context2D } from '../../../../renderer/src/views/strip/stripSprites';

const colors: StripColors = {
  panel: '#fff',
  panel2: '#eee',
  text: '#111',
  text2: '#555',
  stages: ['#a00', '#0a0', '#00a', '#aa0'],
  mono: 'monospace',
};

/** A canvas whose 2D context records the texts drawn (with where) and the clears. */
function recordingCanvas() {
  const texts: { text: string; x: number; y: number }[] = [];
  let clears = 0;
  const ctx = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === 'fillText')
          return (text: string, x: number, y: number) => texts.push({ text, x, y });
        if (prop === 'clearRect') return () => clears++;
        if (prop === 'globalAlpha') return 1;
        return () => undefined;
      },
      set: () => true,
    },
  ) as unknown as Context2D;
  const canvas: StripCanvasLike = { width: 300, height: 150, getContext: () => ctx };
  return { canvas, texts, clears: () => clears };
}

/** A 2D context that does nothing but measure text (10 px per character) and count calls. */
function countingContext() {
  const calls = new Map<string, number>();
  const ctx = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === 'measureText') return (t: string) => ({ width: 10 * t.length });
        if (prop === 'globalAlpha') return 1;
        return (..._args: unknown[]) =>
          void calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
      },
      set: () => true,
    },
  ) as unknown as Context2D;
  return { ctx, calls };
}

/** Enough of OffscreenCanvas for the atlas: a 2D context and a bitmap to copy from. */
class FakeOffscreenCanvas {
  constructor(
    public width: number,
    public height: number,
  ) {}
  getContext() {
    return countingContext().ctx;
  }
  transferToImageBitmap() {
    return { close: () => undefined };
  }
}

/** The strip's canvas, counting the texts drawn directly and the copies from the atlas. */
function copyingCanvas() {
  let counting = countingContext();
  const canvas: StripCanvasLike = { width: 300, height: 150, getContext: () => counting.ctx };
  return {
    canvas,
    texts: () => counting.calls.get('fillText') ?? 0,
    copies: () => counting.calls.get('drawImage') ?? 0,
    reset: () => void (counting = countingContext()),
  };
}

function messages(rate: number) {
  const base = defaultConfig('resnet50', 'v100');
  const config = { ...base, targetRate: rate };
  const stages = stripData(config, architectureOrNull(config)!);
  const keys = stages.flatMap((s) => s.blocks.map((b) => b.key));
  // Buttons 40 × 40 px, 50 px apart, as the page would measure them.
  const boxes = keys.map((k, i): [string, { x: number; y: number; w: number; h: number }] => [
    k,
    { x: i * 50, y: 20, w: 40, h: 40 },
  ]);
  const size: StripMessage = { kind: 'size', width: 1600, height: 144, dpr: 2, boxes };
  const draw: StripMessage = { kind: 'draw', stages, selected: keys[1]!, gates: [] };
  return { size, draw, keys };
}

const neverIdle = () => () => undefined;

/** Gives a renderer its canvas, the buttons' boxes and the colours: everything but the blocks. */
function setUp(r: StripRenderer, canvas: StripCanvasLike, size: StripMessage) {
  r.handle({ kind: 'canvas', canvas });
  r.handle(size);
  r.handle({ kind: 'colors', colors });
}

describe('StripRenderer', () => {
  it('draws only once it has a canvas, the boxes, the colours and the blocks', () => {
    const r = new StripRenderer(neverIdle);
    const { canvas, texts } = recordingCanvas();
    const { size, draw } = messages(0.5);
    expect(r.paint()).toBe(false);
    r.handle(draw);
    expect(r.paint()).toBe(false);
    r.handle({ kind: 'canvas', canvas });
    r.handle(size);
    expect(r.paint()).toBe(false); // no colours yet
    expect(texts).toEqual([]);
    r.handle({ kind: 'colors', colors });
    expect(r.paint()).toBe(true);
    expect(canvas.width).toBe(1600);
    expect(canvas.height).toBe(144);
  });

  it('draws every block’s rate at its button, and the new rate after a change', () => {
    const r = new StripRenderer(neverIdle);
    const { canvas, texts, clears } = recordingCanvas();
    const { size, draw, keys } = messages(0.5);
    setUp(r, canvas, size);
    r.handle(draw);
    r.paint();
    expect(texts.length).toBe(keys.length);
    expect(new Set(texts.map((t) => t.text))).toEqual(new Set(['0.50']));
    // Each text lies inside its own button's box (CSS pixels, before the pixel-ratio transform).
    texts.forEach((t, i) => {
      expect(t.x).toBeGreaterThan(i * 50);
      expect(t.x).toBeLessThan(i * 50 + 40);
    });
    texts.length = 0;
    r.handle(messages(0.37).draw);
    r.paint();
    expect(clears()).toBe(2);
    expect(new Set(texts.map((t) => t.text))).toEqual(new Set(['0.37']));
  });

  it('a new canvas waits for its size before drawing', () => {
    const r = new StripRenderer(neverIdle);
    const first = recordingCanvas();
    const { size, draw } = messages(0.5);
    for (const m of [{ kind: 'canvas', canvas: first.canvas } as const, size, draw]) r.handle(m);
    r.handle({ kind: 'colors', colors });
    expect(r.paint()).toBe(true);
    const second = recordingCanvas();
    r.handle({ kind: 'canvas', canvas: second.canvas });
    expect(r.paint()).toBe(false);
    r.handle(size);
    expect(r.paint()).toBe(true);
    expect(second.texts.length).toBeGreaterThan(0);
  });

  it('keeps one atlas request pending, postponed by each paint until the strip is still', () => {
    const pending: boolean[] = [];
    const r = new StripRenderer(() => {
      const i = pending.push(true) - 1;
      return () => void (pending[i] = false);
    });
    const { canvas } = recordingCanvas();
    const { size, draw } = messages(0.5);
    setUp(r, canvas, size);
    r.handle(draw);
    r.paint();
    r.handle(messages(0.61).draw);
    r.paint();
    // The second paint postponed the first request: one request is pending.
    expect(pending.filter(Boolean)).toHaveLength(1);
    expect(pending).toHaveLength(2);
  });

  it('builds its atlas once the strip is still, for the blocks shown then, and copies them from it', () => {
    vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
    try {
      const jobs: { job: () => void; live: boolean }[] = [];
      const r = new StripRenderer((job) => {
        const entry = {
          job: () => {
            entry.live = false;
            job();
          },
          live: true,
        };
        jobs.push(entry);
        return () => void (entry.live = false);
      });
      const target = copyingCanvas();
      const { size, draw, keys } = messages(0.5);
      setUp(r, target.canvas, size);
      r.handle(draw);
      r.paint();
      // Other boxes (another window width) before the strip is still: the build waits for them.
      const wider: StripMessage = {
        kind: 'size',
        width: 2000,
        height: 144,
        dpr: 2,
        boxes: keys.map((k, i) => [k, { x: i * 60, y: 20, w: 48, h: 40 }]),
      };
      r.handle(wider);
      r.paint();
      const live = jobs.filter((j) => j.live);
      expect(live).toHaveLength(1);
      expect(r.atlasBuilds).toBe(0);
      live[0]!.job();
      expect(r.atlasBuilds).toBe(1);
      // The next change is copied from the atlas: no block is drawn directly, no build is asked for.
      target.reset();
      r.handle(messages(0.37).draw);
      r.paint();
      expect(target.texts()).toBe(0);
      expect(target.copies()).toBeGreaterThanOrEqual(keys.length);
      expect(jobs.filter((j) => j.live)).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('its size, colours and draw messages survive a structured clone (postMessage)', () => {
    const { size, draw } = messages(0.44);
    const colorsMsg: StripMessage = { kind: 'colors', colors };
    for (const m of [size, draw, colorsMsg]) expect(structuredClone(m)).toEqual(m);
    // A cloned draw draws the same texts as the original.
    const a = recordingCanvas();
    const b = recordingCanvas();
    for (const [canvas, d] of [
      [a.canvas, draw],
      [b.canvas, structuredClone(draw)],
    ] as const) {
      const r = new StripRenderer(neverIdle);
      for (const m of [{ kind: 'canvas', canvas } as const, size, colorsMsg, d]) r.handle(m);
      r.paint();
    }
    expect(b.texts).toEqual(a.texts);
  });

  it('a rates message redraws the last blocks with the new rates; one that does not fit them is ignored', () => {
    const r = new StripRenderer(neverIdle);
    const { canvas, texts } = recordingCanvas();
    const { size, draw, keys } = messages(0.5);
    setUp(r, canvas, size);
    r.handle(draw);
    // Block 0 at 0.25, the others at 0.75 (two numbers per block: rate, channel rate).
    const rates = new Float64Array(2 * keys.length).fill(0.75);
    rates[0] = 0.25;
    const msg: StripMessage = structuredClone({ kind: 'rates', rates } as const);
    r.handle(msg);
    r.paint();
    expect(texts.map((t) => t.text)).toEqual(keys.map((_, i) => (i === 0 ? '0.25' : '0.75')));
    texts.length = 0;
    r.handle({ kind: 'rates', rates: new Float64Array(4).fill(0.1) });
    r.paint();
    expect(new Set(texts.slice(1).map((t) => t.text))).toEqual(new Set(['0.75']));
  });

  it('stripRates lists each block’s rate and channel rate; sameBlocks ignores rates only', () => {
    const a = messages(0.5).draw;
    const b = messages(0.3).draw;
    if (a.kind !== 'draw' || b.kind !== 'draw') throw new Error('not draw messages');
    const rates = stripRates(b.stages);
    const n = b.stages.reduce((k, st) => k + st.blocks.length, 0);
    expect(rates.length).toBe(2 * n);
    expect(rates[0]).toBeCloseTo(0.3, 12);
    expect(sameBlocks(a.stages, b.stages)).toBe(true);
    const base = defaultConfig('resnet50', 'v100');
    const other = { ...base, stages: base.stages.map((st) => ({ ...st, mode: 'layer' as const })) };
    expect(sameBlocks(a.stages, stripData(other, architectureOrNull(other)!))).toBe(false);
  });

  it('sameBlocks sees a change in any field of a stage, a block or its dynamics, one added later too', () => {
    const draw = messages(0.5).draw;
    if (draw.kind !== 'draw') throw new Error('not a draw message');
    const copy = () => structuredClone(draw.stages);
    const block = draw.stages[1]!.blocks[2]!;
    const edits: [string, (stages: StripStage[]) => void][] = [
      ...Object.keys(draw.stages[1]!)
        .filter((k) => k !== 'blocks')
        .map((k): [string, (st: StripStage[]) => void] => [
          `stage.${k}`,
          (st) => Object.assign(st[1]!, { [k]: 999 }),
        ]),
      ...Object.keys(block)
        .filter((k) => k !== 'dynamics')
        .map((k): [string, (st: StripStage[]) => void] => [
          `block.${k}`,
          (st) => Object.assign(st[1]!.blocks[2]!, { [k]: 'changed' }),
        ]),
      ...Object.keys(block.dynamics)
        .filter((k) => k !== 'rate' && k !== 'channelRate')
        .map((k): [string, (st: StripStage[]) => void] => [
          `dynamics.${k}`,
          (st) => Object.assign(st[1]!.blocks[2]!.dynamics, { [k]: 'changed' }),
        ]),
      ['a field added later', (st) => Object.assign(st[1]!.blocks[2]!, { extra: 1 })],
      ['a stage width', (st) => Object.assign(st[0]!, { width: 64 })],
    ];
    expect(edits.length).toBeGreaterThanOrEqual(10);
    for (const [what, edit] of edits) {
      const changed = copy();
      edit(changed);
      expect(sameBlocks(draw.stages, changed), what).toBe(false);
      expect(sameBlocks(changed, draw.stages), what).toBe(false);
    }
    const ratesOnly = copy();
    ratesOnly[1]!.blocks[2]!.dynamics.rate = 0.01;
    ratesOnly[1]!.blocks[2]!.dynamics.channelRate = 0.02;
    expect(sameBlocks(draw.stages, ratesOnly)).toBe(true);
  });
});
