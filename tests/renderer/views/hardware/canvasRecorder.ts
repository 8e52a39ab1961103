/**
 * A 2D context for the hardware charts' canvases in the test DOM (which has none): it records the
 * rectangles filled and the texts drawn since the last clear, per canvas.
 */
import { afterEach, beforeEach, vi } from 'vitest';

export interface Drawn {
  rects: { x: number; y: number; w: number; h: number; fill: string; alpha: number }[];
  texts: { text: string; x: number; y: number }[];
  clears: number;
}

export function recordCanvases() {
  const drawn = new Map<HTMLCanvasElement, Drawn>();
  const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    let d = drawn.get(this);
    if (!d) drawn.set(this, (d = { rects: [], texts: [], clears: 0 }));
    const rec = d;
    const state: Record<string, unknown> = { globalAlpha: 1, fillStyle: '#000' };
    return new Proxy(state, {
      get(target, prop) {
        if (prop === 'clearRect')
          return () => {
            rec.rects = [];
            rec.texts = [];
            rec.clears++;
          };
        if (prop === 'fillRect')
          return (x: number, y: number, w: number, h: number) =>
            rec.rects.push({
              x,
              y,
              w,
              h,
              fill: String(target.fillStyle),
              alpha: Number(target.globalAlpha),
            });
        if (prop === 'fillText')
          return (text: string, x: number, y: number) => rec.texts.push({ text, x, y });
        if (prop in target) return target[prop as string];
        return () => undefined;
      },
      set(target, prop, value) {
        target[prop as string] = value;
        return true;
      },
    }) as unknown as RenderingContext;
  });
  /** What the canvas of the chart with this test id shows now. */
  const of = (chart: HTMLElement): Drawn => {
    const canvas = chart.querySelector('canvas');
    if (!canvas) throw new Error('the chart has no canvas');
    return drawn.get(canvas) ?? { rects: [], texts: [], clears: 0 };
  };
  return { of, restore: () => spy.mockRestore() };
}

/**
 * {@link recordCanvases} around each test of the calling file (after `setUp`, e.g. the store's reset;
 * the DOM is cleaned up after each test); returns the recorder of the running test.
 */
export function recordCanvasesInEachTest(setUp: () => void, cleanUp: () => void) {
  let current: ReturnType<typeof recordCanvases> | null = null;
  beforeEach(() => {
    setUp();
    current = recordCanvases();
  });
  afterEach(() => {
    cleanUp();
    current?.restore();
  });
  return { of: (chart: HTMLElement) => current!.of(chart) };
}
