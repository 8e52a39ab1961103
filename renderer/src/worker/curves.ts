/**
 * The latency-ratio curves of the curves view, as candidate lists handed to core's `sweepStage` (the
 * function behind `laudnet sweep`): the renderer builds no request and sums no latency of its own, so
 * every point equals the CLI's for the same candidate and rates.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { stageMidChannels } from '../../../core/arch';
import { toNetworkRequest } from '../../../core/config/request';
import {
  resolveArchitecture,
  resolveHardwareParams,
  validGranularities,
} from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import {
  createPredictor,
  sweepStage,
  type StageMode,
  type SweepCandidate,
  type SweepCurve,
} from '../../../core/predictor';
import type { CurveSeries, CurveSet } from './types';

/** Activation rates of the candidate curves: 0, 0.05, …, 1. */
export const CURVE_RATES: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);
/**
 * Rates of the current configuration's curve: every step of the rate sliders (0.01), so the live
 * point is always a sample of the curve and the drawn line passes exactly through it.
 */
export const FINE_CURVE_RATES: readonly number[] = Array.from({ length: 101 }, (_, i) => i / 100);

/** A candidate curve of the view: core's sweep candidate plus the view's id and label. */
interface Candidate {
  id: string;
  label: string;
  candidate: SweepCandidate;
  current: boolean;
}

function stageCandidates(config: StudioConfig, arch: ArchitectureSpec, stage: number): Candidate[] {
  const spec = arch.stages[stage]!;
  const st = config.stages[stage]!;
  // Every S dividing the map side, the side itself included (the paper's candidate set).
  const out: Candidate[] = validGranularities(spec.outResolution).map((s) => ({
    id: `spatial-${s}`,
    label: `Spatial S=${s}`,
    candidate: { mode: 'spatial', granularity: s },
    current: st.mode === 'spatial' && st.spatialGranularity === s,
  }));
  out.push({
    id: 'layer',
    label: 'Layer skipping',
    candidate: { mode: 'layer' },
    current: st.mode === 'layer',
  });
  const g = st.channelGroupSize;
  if (stageMidChannels(arch, spec) % g === 0) {
    // S = 1 for the channel scatter-add, as the configuration's own request passes it [Q20].
    out.push({
      id: `channel-${g}`,
      label: `Channel G=${g}`,
      candidate: { mode: 'channel', granularity: 1, channelGranularity: g },
      current: st.mode === 'channel',
    });
  }
  return out;
}

function networkCandidates(config: StudioConfig, arch: ArchitectureSpec): Candidate[] {
  const req = toNetworkRequest(config, arch);
  const modes: StageMode[] = req.modes.slice();
  const firstDynamic = modes.find((m) => m !== 'static') ?? 'static';
  const out: Candidate[] = [
    {
      id: 'config',
      label: 'Current configuration',
      candidate: {
        mode: firstDynamic,
        modes,
        granularity: req.granularity.slice(),
        channelGranularity: req.channelGranularity.slice(),
      },
      current: true,
    },
  ];
  const lists: number[][] = [
    [1, 1, 1, 1],
    [2, 2, 2, 1],
    [4, 4, 2, 1],
    [8, 4, 7, 1],
    [7, 7, 7, 7],
  ];
  for (const list of lists) {
    if (
      list.length !== arch.stages.length ||
      !arch.stages.every((s, i) => s.outResolution % list[i]! === 0)
    )
      continue;
    out.push({
      id: `spatial-${list.join('-')}`,
      label: `Spatial ${list.join('-')}`,
      candidate: { mode: 'spatial', granularity: list },
      current: false,
    });
  }
  out.push({ id: 'layer', label: 'Layer skipping', candidate: { mode: 'layer' }, current: false });
  if (arch.stages.every((s) => stageMidChannels(arch, s) % 2 === 0)) {
    out.push({
      id: 'channel-2',
      label: 'Channel G=2',
      candidate: { mode: 'channel', granularity: 1, channelGranularity: 2 },
      current: false,
    });
  }
  return out;
}

function toSeries(c: Candidate, curve: SweepCurve, stage: number | null): CurveSeries {
  const display =
    c.id === 'config'
      ? null
      : c.candidate.mode === 'channel'
        ? curve.channelGranularity[stage ?? 0]!
        : c.candidate.mode === 'spatial' && stage !== null
          ? curve.granularity[stage]!
          : null;
  return {
    id: c.id,
    label: c.label,
    mode: c.id === 'config' ? 'config' : curve.mode,
    granularity: display,
    current: c.current,
    sweep: {
      modes: curve.modes,
      granularity: curve.granularity,
      channelGranularity: curve.channelGranularity,
    },
    points: curve.points.map((p) => ({ rate: p.rate, ratio: p.ratio, latencyS: p.latencyS })),
  };
}

/**
 * Latency-ratio curves of one stage (every S dividing its map, layer skipping, channel at the stage's G)
 * or of the whole network (the current configuration and a few uniform candidates), all from
 * `sweepStage`; the current curve is sampled every 0.01, the others every 0.05.
 */
export function curves(config: StudioConfig, scope: 'stage' | 'network', stage: number): CurveSet {
  const arch = resolveArchitecture(config);
  const p = createPredictor(resolveHardwareParams(config));
  const swept = scope === 'stage' ? stage : null;
  const candidates =
    scope === 'stage' ? stageCandidates(config, arch, stage) : networkCandidates(config, arch);
  let staticLatencyS = 0;
  let batchSize = p.B;
  const series = candidates.map((c) => {
    const res = sweepStage(p, {
      arch,
      stage: swept,
      candidates: [c.candidate],
      rates: [...(c.current ? FINE_CURVE_RATES : CURVE_RATES)],
    });
    staticLatencyS = res.staticLatencyS;
    batchSize = res.batchSize;
    return toSeries(c, res.curves[0]!, swept);
  });
  return { scope, stage: scope === 'stage' ? stage : 0, batchSize, staticLatencyS, series };
}
