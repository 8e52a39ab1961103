/**
 * What the transformer views show, computed from the core's exact predictor (runs in the transformer
 * worker; pure, so tests call it directly): the prediction, one latency curve per paradigm, and the
 * same configuration on every hardware preset.
 */
import { HARDWARE_PRESETS, type HardwareParams } from '../../../core/predictor/hardware';
import {
  T2T_VARIANTS,
  headRateSteps,
  predictTransformer,
  type TransformerPrediction,
} from '../../../core/transformer';
import {
  PARADIGMS,
  RATE_KEY,
  meanRate,
  paradigmActive,
  toCoreConfig,
  uniformRate,
  withRate,
  type Paradigm,
  type TfUiConfig,
} from './tfConfig';

export interface TfCurvePoint {
  rate: number;
  msPerImage: number;
  ratio: number;
}

export interface TfCurve {
  paradigm: Paradigm;
  /** Samples, rate ascending; rates the official code cannot evaluate are left out. */
  points: TfCurvePoint[];
  /** The configuration's own point when the mode uses this paradigm (x: its mean rate over blocks). */
  current: (TfCurvePoint & { uniform: boolean }) | null;
}

export interface TfCurveSet {
  staticMsPerImage: number;
  curves: TfCurve[];
}

export interface TfHardwareRow {
  id: string;
  label: string;
  validated: boolean;
  batchSize: number;
  msPerImage: number;
  staticMsPerImage: number;
  ratio: number;
}

/** The exact prediction of the configuration. @throws PredictorInputError on rates the official code rejects. */
export function analyzeTransformer(c: TfUiConfig, hw: HardwareParams): TransformerPrediction {
  return predictTransformer(toCoreConfig(c), hw);
}

/** Token rates sampled by the curve: 0.05 … 1 (every one keeps at least one token). */
export function tokenSamples(): number[] {
  return Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
}

/** Execution rates of the attention / MLP sub-blocks: 0 … 1. */
export function executionSamples(): number[] {
  return Array.from({ length: 21 }, (_, i) => i / 20);
}

function samplesFor(c: TfUiConfig, p: Paradigm): number[] {
  if (p === 'head') return headRateSteps(T2T_VARIANTS[c.model]).slice();
  return p === 'token' ? tokenSamples() : executionSamples();
}

const FORCE: Record<Paradigm, { token?: boolean; head?: boolean; layer?: boolean }> = {
  token: { token: true },
  head: { head: true },
  attn: { layer: true },
  mlp: { layer: true },
};

/**
 * Latency per image against each paradigm's rate, set uniformly in every block with that paradigm's
 * switch on; everything else as configured (so a curve also moves when another paradigm's rate moves).
 */
export function transformerCurves(c: TfUiConfig, hw: HardwareParams): TfCurveSet {
  const now = predictTransformer(toCoreConfig(c), hw);
  const curves = PARADIGMS.map((p): TfCurve => {
    const points: TfCurvePoint[] = [];
    for (const rate of samplesFor(c, p)) {
      try {
        const r = predictTransformer(toCoreConfig(withRate(c, p, null, rate), FORCE[p]), hw);
        points.push({ rate, msPerImage: r.latencyMsPerImage, ratio: r.ratio });
      } catch {
        // Outside the official code's domain (spec §9): no point.
      }
    }
    const rates = c[RATE_KEY[p]];
    const current = paradigmActive(c.mode, p)
      ? {
          rate: meanRate(rates),
          msPerImage: now.latencyMsPerImage,
          ratio: now.ratio,
          uniform: uniformRate(rates) !== null,
        }
      : null;
    return { paradigm: p, points, current };
  });
  return { staticMsPerImage: now.staticMsPerImage, curves };
}

/** The configuration on every hardware preset (the paper's five first). */
export function transformerHardwareRows(c: TfUiConfig): TfHardwareRow[] {
  const core = toCoreConfig(c);
  return HARDWARE_PRESETS.map((preset) => {
    const r = predictTransformer(core, preset.params);
    return {
      id: preset.id,
      label: preset.label,
      validated: preset.validated,
      batchSize: r.batchSize,
      msPerImage: r.latencyMsPerImage,
      staticMsPerImage: r.staticMsPerImage,
      ratio: r.ratio,
    };
  });
}
