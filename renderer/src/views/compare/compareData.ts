/**
 * The numbers of the compare view, for up to four pinned configurations: headline latency and FLOPs,
 * latency against a uniform rate, latency on every hardware preset, and the per-block settings and
 * latencies. Pure (no DOM, no store), so tests and exports use exactly what the view shows.
 */
import { formatInputSize } from '../../../../core/arch';
import {
  configInputSize,
  resolveArchitecture,
  resolveHardwareParams,
} from '../../../../core/config/resolve';
import { toNetworkRequest } from '../../../../core/config/request';
import type { StudioConfig } from '../../../../core/config/schema';
import { configFlops, withUniformRate } from '../../../../core/flops/config';
import { HARDWARE_PRESETS, createPredictor, predictNetwork } from '../../../../core/predictor';
import type { NetworkPrediction } from '../../../../core/predictor';
import { hardwareLabel, modelLabel, presetShortLabel } from '../../labels';
import type { PinnedConfig } from '../../store/compareSlice';

/** Rates of the overlaid curves: 0, 0.05, …, 1. */
export const CURVE_RATES: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

/** One block of one configuration, as the diff table shows it. */
export interface CompareBlock {
  mode: string;
  /** "S=4", "G=2", "S=4, G=2", "whole map" or "—" (static). */
  granularity: string;
  /** True when S leaves partial border patches on this block's map. */
  partial: boolean;
  rate: number;
  latencyMs: number;
}

/** Everything shown for one pinned configuration. */
export interface CompareColumn {
  id: number;
  label: string;
  model: string;
  inputSize: string;
  /** True when the input is not 224×224 (the reference training code supports 224 only). */
  offImageNet: boolean;
  hardware: string;
  batchSize: number;
  latencyMs: number;
  staticMs: number;
  ratio: number;
  dynamicGMacs: number;
  staticGMacs: number;
  flopsRatio: number;
  /** ms per image at each of {@link CURVE_RATES} (uniform rate, stage/block overrides removed). */
  curve: number[];
  /** Preset id → ms per image of this configuration on that preset (its own batch size). */
  perPreset: Record<string, number>;
  /** Block key → setting and latency. */
  blocks: Map<string, CompareBlock>;
  /** Null when the configuration could be evaluated; else why not. */
  error: string | null;
}

const msPerImage = (p: NetworkPrediction) => p.latencyMsPerImage;

function granularityText(
  config: StudioConfig,
  stage: number,
  outH: number,
  outW: number,
): { text: string; partial: boolean } {
  const s = config.stages[stage];
  if (!s || s.mode === 'static') return { text: '—', partial: false };
  if (s.mode === 'layer') return { text: 'whole map', partial: false };
  const S = s.spatialGranularity;
  const partial = outH % S !== 0 || outW % S !== 0;
  if (s.mode === 'channel') return { text: `G=${s.channelGroupSize}`, partial: false };
  if (s.mode === 'spatial') return { text: `S=${S}`, partial };
  return { text: `S=${S}, G=${s.channelGroupSize}`, partial };
}

/** Evaluates one pinned configuration (throws on an unusable configuration). */
function evaluate(pin: PinnedConfig): CompareColumn {
  const config = pin.config;
  const arch = resolveArchitecture(config);
  const size = configInputSize(config);
  const predictor = createPredictor(resolveHardwareParams(config));
  const pred = predictNetwork(predictor, toNetworkRequest(config, arch));
  const flops = configFlops(config, arch);
  const curve = CURVE_RATES.map((r) => {
    const c = withUniformRate(config, r);
    return msPerImage(predictNetwork(predictor, toNetworkRequest(c, arch)));
  });
  const perPreset: Record<string, number> = {};
  for (const preset of HARDWARE_PRESETS) {
    perPreset[preset.id] = msPerImage(
      predictNetwork(createPredictor(preset.params), toNetworkRequest(config, arch)),
    );
  }
  const blocks = new Map<string, CompareBlock>();
  for (const b of pred.blocks) {
    const st = arch.stages[b.stage]!;
    const g = granularityText(config, b.stage, st.outResolution, st.outWidth ?? st.outResolution);
    blocks.set(b.key, {
      mode: b.mode,
      granularity: g.text,
      partial: g.partial,
      rate: b.rate,
      latencyMs: (b.latencyS / pred.batchSize) * 1000,
    });
  }
  return {
    id: pin.id,
    label: pin.label,
    model: modelLabel(config),
    inputSize: formatInputSize(size),
    offImageNet: size.height !== 224 || size.width !== 224,
    hardware: hardwareLabel(config),
    batchSize: pred.batchSize,
    latencyMs: pred.latencyMsPerImage,
    staticMs: pred.staticMsPerImage,
    ratio: pred.ratio,
    dynamicGMacs: flops.dynamicMacs / 1e9,
    staticGMacs: flops.staticMacs / 1e9,
    flopsRatio: flops.flopsRatio,
    curve,
    perPreset,
    blocks,
    error: null,
  };
}

/** One column per pin, in pin order; a pin that cannot be evaluated gets a column with its error. */
export function compareColumns(pins: readonly PinnedConfig[]): CompareColumn[] {
  return pins.map((pin) => {
    try {
      return evaluate(pin);
    } catch (e) {
      return {
        id: pin.id,
        label: pin.label,
        model: modelLabel(pin.config),
        inputSize: '—',
        offImageNet: false,
        hardware: hardwareLabel(pin.config),
        batchSize: 0,
        latencyMs: NaN,
        staticMs: NaN,
        ratio: NaN,
        dynamicGMacs: NaN,
        staticGMacs: NaN,
        flopsRatio: NaN,
        curve: [],
        perPreset: {},
        blocks: new Map(),
        error: e instanceof Error ? e.message : String(e),
      };
    }
  });
}

/** Block keys over all columns, in network order (stage, then block). */
export function blockKeys(columns: readonly CompareColumn[]): string[] {
  const keys = new Set<string>();
  for (const c of columns) for (const k of c.blocks.keys()) keys.add(k);
  const num = (k: string) => k.match(/\d+/g)?.map(Number) ?? [0, 0];
  return [...keys].sort((a, b) => num(a)[0]! - num(b)[0]! || num(a)[1]! - num(b)[1]!);
}

/** Hardware presets in display order with short labels, for the per-hardware chart and exports. */
export function presetColumns(): { id: string; label: string; validated: boolean }[] {
  return HARDWARE_PRESETS.map((p) => ({
    id: p.id,
    label: presetShortLabel(p.id).replace(/\s*\(.*\)$/, ''),
    validated: p.validated,
  }));
}
