/**
 * Latency of the masks a model really makes: the prediction at the set's mean rates, and each image's own
 * prediction (its own per-block rates) as a distribution. Per-image predictions reuse the network plan
 * (tile searches happen once) and memoise block latencies per rate, which the masks quantise
 * (a 14×14 grid has 197 possible rates), so 50,000 images cost arithmetic only.
 */
import { createPredictor, planNetwork, predictNetwork } from '../predictor';
import type { HardwareParams, NetworkPrediction, Predictor } from '../predictor';
import { meanRatesRequest } from './config';
import { quantiles } from './stats';
import type { MaskSetSummary, Quantiles } from './types';

/** The set's latency on one device. Latencies are per batch of the hardware's batch size, in seconds. */
export interface MaskSetLatency {
  /** Latency at the set's mean rates. */
  latencyS: number;
  /** Latency of the static network. */
  staticLatencyS: number;
  /** Spread of the per-image latencies (each image at its own rates). */
  perImageLatencyS: Quantiles | null;
  /** Per image latency (NaN for an image missing a rate). */
  perImage: Float64Array;
  /** The full prediction at the mean rates. */
  prediction: NetworkPrediction;
}

/**
 * Per image the predicted latency with that image's own per-block rates; equal (to the last bit) to
 * `predictNetwork` of a request holding those rates.
 */
export function perImageLatencies(summary: MaskSetSummary, p: Predictor): Float64Array {
  const req = meanRatesRequest(summary);
  const plan = planNetwork(p, req.arch, req.modes, req.granularity, req.channelGranularity);
  const N = summary.images;
  const B = summary.blocks.length;
  const { spatial, channel } = summary.rates;
  const plans = summary.blocks.map((b) => {
    const stage = plan.stages[b.stage]!;
    return b.index === 0 ? stage.first : stage.other!;
  });
  const memo = summary.blocks.map(() => new Map<number | string, number>());
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (let b = 0; b < B; b++) {
      const block = summary.blocks[b]!;
      const k = i * B + b;
      const both = block.mode === 'spatial+channel';
      const rate = block.mode === 'channel' ? channel[k]! : spatial[k]!;
      const channelRate = both ? channel[k]! : 1;
      if (Number.isNaN(rate) || Number.isNaN(channelRate)) {
        total = Number.NaN;
        break;
      }
      const key = both ? `${rate}|${channelRate}` : rate;
      let latency = memo[b]!.get(key);
      if (latency === undefined) {
        latency = plans[b]!.evaluate(rate, channelRate).latencyS;
        memo[b]!.set(key, latency);
      }
      total += latency;
    }
    out[i] = total;
  }
  return out;
}

/** Latency at the set's mean rates, the static latency, and the per-image spread, on one device. */
export function maskSetLatency(
  summary: MaskSetSummary,
  hardware: HardwareParams | Predictor,
): MaskSetLatency {
  const p = 'memoPlan' in hardware ? hardware : createPredictor(hardware);
  const prediction = predictNetwork(p, meanRatesRequest(summary));
  const perImage = perImageLatencies(summary, p);
  return {
    latencyS: prediction.latencyS,
    staticLatencyS: prediction.staticLatencyS,
    perImageLatencyS: quantiles(perImage),
    perImage,
    prediction,
  };
}
