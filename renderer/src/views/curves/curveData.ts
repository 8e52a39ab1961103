/**
 * The "data" export of the curves view: every point of every curve, as CSV (one row per point, the
 * columns of `laudnet sweep` plus the curve's id and label) or JSON (the curve set with its context).
 */
import type { CurveSet } from '../../worker/types';

export interface CurveDataContext {
  model: string;
  hardware: string;
  appVersion: string;
}

const CSV_HEADER =
  'curve,label,stage,mode,granularity,channel_granularity,rate,latency_s,static_latency_s,ratio';

function cell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV of every point of every curve (full precision; per-stage lists dash-joined for the network). */
export function curvesToCsv(set: CurveSet): string {
  const lines = [CSV_HEADER];
  const pick = (list: readonly (number | string)[]) =>
    set.scope === 'network' ? list.join('-') : String(list[set.stage]);
  for (const s of set.series) {
    const modes = s.sweep.modes;
    const uniform = modes.every((m) => m === modes[0]);
    for (const p of s.points) {
      lines.push(
        [
          s.id,
          cell(s.label),
          set.scope === 'network' ? 'all' : String(set.stage + 1),
          set.scope === 'network' && !uniform ? modes.join('-') : String(pick(modes)),
          pick(s.sweep.granularity),
          pick(s.sweep.channelGranularity),
          String(p.rate),
          String(p.latencyS ?? p.ratio * set.staticLatencyS),
          String(set.staticLatencyS),
          String(p.ratio),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** JSON of the curve set with what it is of (model, hardware, batch, app version). */
export function curvesToJson(set: CurveSet, context: CurveDataContext): string {
  const doc = {
    format: 'laudnet-studio-curves',
    version: 1,
    model: context.model,
    hardware: context.hardware,
    batchSize: set.batchSize,
    appVersion: context.appVersion,
    scope: set.scope,
    stage: set.scope === 'stage' ? set.stage + 1 : null,
    staticLatencyS: set.staticLatencyS,
    curves: set.series.map((s) => ({
      id: s.id,
      label: s.label,
      current: s.current,
      modes: s.sweep.modes,
      granularity: s.sweep.granularity,
      channelGranularity: s.sweep.channelGranularity,
      points: s.points.map((p) => ({ rate: p.rate, ratio: p.ratio, latencyS: p.latencyS ?? null })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
