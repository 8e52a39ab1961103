/** Messages from the hardware charts to their canvas worker (barsCanvas.worker.ts). */
import type { Palette } from './barsCanvas';
import type { BarChartKind } from './barsPlan';

/** What a chart's marks are laid out on: its size, x scale and rows' band. */
export interface BarsFrame {
  chart: BarChartKind;
  widthPx: number;
  heightPx: number;
  dpr: number;
  /** The x scale's domain and range (its kind follows from `chart`). */
  domain: [number, number];
  range: [number, number];
  /** Number of rows and the plot's vertical extent. */
  rows: number;
  top: number;
  bottom: number;
  palette: Palette;
}

export type BarsMessage =
  | { kind: 'canvas'; id: number; canvas: OffscreenCanvas }
  | { kind: 'frame'; id: number; frame: BarsFrame }
  /** The rows' values (packRows), drawn at once. */
  | { kind: 'rows'; id: number; rows: Float64Array }
  | { kind: 'drop'; id: number };
