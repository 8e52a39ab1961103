/// <reference lib="webworker" />
/**
 * The hardware charts' bars and labels, painted off the page's main thread: each chart transfers its
 * canvas here once, sends its frame (size, x scale, rows' band, colours) when that changes and its rows'
 * values at every change; each value message is painted at once and reaches the screen through the
 * compositor, with no canvas work on the main thread.
 */
import { bandScale } from '../../charts/svg/scale';
import { paintMarks } from './barsCanvas';
import { BAR_CHARTS, unpackRows, type BarRow } from './barsPlan';
import type { BarsFrame, BarsMessage } from './barsWorkerTypes';

interface Chart {
  canvas: OffscreenCanvas;
  frame: BarsFrame | null;
  rows: BarRow[] | null;
}

const charts = new Map<number, Chart>();

function paint(chart: Chart): void {
  const { canvas, frame, rows } = chart;
  const ctx = canvas.getContext('2d');
  if (!frame || !rows || !ctx) return;
  const spec = BAR_CHARTS[frame.chart];
  const x = spec.scale(frame.domain, frame.range);
  const band = bandScale(frame.rows, [frame.top, frame.bottom]);
  const marks = spec.marks(rows, x, band, { top: frame.top, bottom: frame.bottom });
  paintMarks(ctx, marks, frame.palette, frame.dpr, frame.widthPx, frame.heightPx);
}

self.onmessage = (e: MessageEvent<BarsMessage>) => {
  const msg = e.data;
  if (msg.kind === 'canvas') {
    charts.set(msg.id, { canvas: msg.canvas, frame: null, rows: null });
    return;
  }
  const chart = charts.get(msg.id);
  if (!chart) return;
  if (msg.kind === 'drop') charts.delete(msg.id);
  else if (msg.kind === 'frame') {
    const { frame } = msg;
    const w = Math.round(frame.widthPx * frame.dpr);
    const h = Math.round(frame.heightPx * frame.dpr);
    if (chart.canvas.width !== w) chart.canvas.width = w;
    if (chart.canvas.height !== h) chart.canvas.height = h;
    chart.frame = frame;
    paint(chart);
  } else {
    chart.rows = unpackRows(msg.rows);
    paint(chart);
  }
};
