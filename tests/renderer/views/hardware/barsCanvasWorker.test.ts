/**
 * The hardware charts' canvas worker: it sizes a handed-over canvas from the frame's size and pixel
 * ratio, paints the rows it is sent on that frame's axes, and forgets a dropped chart.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packRows, type BarRow } from '../../../../renderer/src/views/hardware/barsPlan';
import type { BarsMessage } from '../../../../renderer/src/views/hardware/barsWorkerTypes';

const texts: string[] = [];
const fakeCanvas = {
  width: 300,
  height: 150,
  getContext: () =>
    new Proxy(
      {},
      {
        get: (_t, prop) =>
          prop === 'fillText'
            ? (t: string) => texts.push(t)
            : prop === 'clearRect'
              ? () => (texts.length = 0)
              : () => undefined,
        set: () => true,
      },
    ),
};

const rows: BarRow[] = [
  { ratio: 0.5, msPerImage: 2, staticMsPerImage: 4, current: true, validated: true },
  { ratio: 0.8, msPerImage: 20, staticMsPerImage: 25, current: false, validated: true },
];

let handle: (msg: BarsMessage) => void;
beforeAll(async () => {
  vi.stubGlobal('self', globalThis);
  await import('../../../../renderer/src/views/hardware/barsCanvas.worker');
  const onmessage = (globalThis as unknown as { onmessage: (e: { data: BarsMessage }) => void })
    .onmessage;
  handle = (data) => onmessage({ data });
});
afterAll(() => vi.unstubAllGlobals());

describe('barsCanvas.worker', () => {
  it('sizes the canvas, paints the rows sent, and ignores a dropped chart', () => {
    handle({ kind: 'canvas', id: 7, canvas: fakeCanvas as unknown as OffscreenCanvas });
    handle({
      kind: 'frame',
      id: 7,
      frame: {
        chart: 'ms',
        widthPx: 400,
        heightPx: 100,
        dpr: 2,
        domain: [1, 100],
        range: [142, 336],
        rows: 2,
        top: 18,
        bottom: 46,
        palette: {
          colors: { accent: 'a', bar: 'b', static: 's', bad: 'r', label: 'l' },
          fontFamily: 'f',
        },
      },
    });
    expect([fakeCanvas.width, fakeCanvas.height]).toEqual([800, 200]);
    handle({ kind: 'rows', id: 7, rows: packRows(rows) });
    expect(texts).toEqual(['2.000 ms', '20.000 ms']);
    handle({ kind: 'drop', id: 7 });
    handle({ kind: 'rows', id: 7, rows: packRows([{ ...rows[0]!, msPerImage: 3 }]) });
    expect(texts).toEqual(['2.000 ms', '20.000 ms']);
  });
});
