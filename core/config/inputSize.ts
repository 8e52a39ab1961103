/**
 * A configuration at another input size: the edit that changes it (keeping every spatial granularity
 * that stays valid) and the patch sides a stage offers at that size, each labelled whole or partial.
 */
import { exactGranularities, partialPatchNote, stageOutputSize, type InputSize } from '../arch';
import { defaultStageConfig } from './defaults';
import {
  architectureAtInputSize,
  baseArchitecture,
  configInputSize,
  isOffNativeSize,
  storedInputSize,
} from './resolve';
import type { StudioConfig } from './schema';

/** Input sizes the app offers as one-click presets (height × width). */
export const INPUT_SIZE_PRESETS: readonly { label: string; size: InputSize }[] = [
  { label: '224×224 (ImageNet)', size: { height: 224, width: 224 } },
  { label: '320×320', size: { height: 320, width: 320 } },
  { label: '512×1024 (Cityscapes crop)', size: { height: 512, width: 1024 } },
  { label: '800×1333 (COCO detection)', size: { height: 800, width: 1333 } },
];

/** Patch sides shown at sizes whose sides share few divisors (partial border patches allowed there). */
const COMMON_SIDES = [1, 2, 4, 7, 8, 14, 16, 28, 32, 56];

/** One spatial granularity a stage offers: S, and the partial-patch note when S leaves border patches. */
export interface GranularityOption {
  S: number;
  /** Null when S tiles the stage map exactly. */
  partial: string | null;
}

/**
 * Patch sides of stage `i` of a configuration at its input size. At the architecture's own size these
 * are the divisors of the (square) map, as before. At other sizes: the divisors of gcd(h, w) (whole
 * patches) plus the usual sides up to the longer side, labelled when they leave partial border patches
 * (the predictor's ceiling rule ⌈h/S⌉·⌈w/S⌉).
 */
export function granularityOptions(config: StudioConfig, i: number): GranularityOption[] {
  const base = baseArchitecture(config);
  if (!base) return [];
  const arch = architectureAtInputSize(base, configInputSize(config));
  const out = stageOutputSize(arch, i);
  const exact = exactGranularities(out);
  if (!isOffNativeSize(base, config)) return exact.map((S) => ({ S, partial: null }));
  const longer = Math.max(out.height, out.width);
  const sides = new Set([...exact, ...COMMON_SIDES.filter((s) => s <= longer)]);
  return [...sides].sort((a, b) => a - b).map((S) => ({ S, partial: partialPatchNote(out, S) }));
}

/**
 * The configuration at another input size. Granularities that stop being valid (not dividing the map
 * at the architecture's own size; larger than the map elsewhere) go back to the stage default; the
 * rest is kept. Returns the same object when the size does not change.
 * @throws RangeError for a side outside 32 to 4096 pixels or an unknown model.
 */
export function withInputSize(config: StudioConfig, size: InputSize): StudioConfig {
  const current = configInputSize(config);
  if (current.height === size.height && current.width === size.width) return config;
  const base = baseArchitecture(config);
  if (!base) throw new RangeError('unknown model');
  const arch = architectureAtInputSize(base, size);
  const next: StudioConfig = { ...config, inputSize: storedInputSize(size) };
  const offNative = isOffNativeSize(base, next);
  next.stages = config.stages.map((stage, i) => {
    const out = stageOutputSize(arch, i);
    const S = stage.spatialGranularity;
    const ok = offNative
      ? S <= Math.max(out.height, out.width)
      : exactGranularities(out).includes(S);
    if (ok) return stage;
    return { ...stage, spatialGranularity: defaultStageConfig(arch, i).spatialGranularity };
  });
  return next;
}
