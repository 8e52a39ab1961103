/**
 * Selectors whose result keeps its identity while the parts of the configuration it depends on do, so
 * that a rate change (which replaces `config`) does not re-render components that only show the model,
 * the input size or the hardware.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { granularityOptions, type GranularityOption } from '../../../core/config/inputSize';
import { resolveArchitecture, resolveHardwareParams } from '../../../core/config/resolve';
import type { StudioConfig } from '../../../core/config/schema';
import type { HardwareParams } from '../../../core/predictor/hardware';

let lastModel: StudioConfig['model'] | null = null;
let lastInputSize: StudioConfig['inputSize'] | undefined | null = null;
let lastArch: { arch: ArchitectureSpec } | { error: unknown } | null = null;

function architectureEntry(config: StudioConfig): { arch: ArchitectureSpec } | { error: unknown } {
  if (lastArch && config.model === lastModel && config.inputSize === lastInputSize) return lastArch;
  try {
    lastArch = { arch: resolveArchitecture(config) };
  } catch (error) {
    lastArch = { error };
  }
  lastModel = config.model;
  lastInputSize = config.inputSize;
  return lastArch;
}

/**
 * The configuration's architecture at its input size ({@link resolveArchitecture}), the same object for
 * as long as the model and the input size are the same objects (edits replace only what they change).
 * @throws like `resolveArchitecture`, for an unknown model or an unusable input size.
 */
export function architectureOf(config: StudioConfig): ArchitectureSpec {
  const entry = architectureEntry(config);
  if ('error' in entry) throw entry.error;
  return entry.arch;
}

/** {@link architectureOf}, or null where the configuration does not resolve (the controls say why). */
export function architectureOrNull(config: StudioConfig): ArchitectureSpec | null {
  const entry = architectureEntry(config);
  return 'arch' in entry ? entry.arch : null;
}

let lastHardware: StudioConfig['hardware'] | null = null;
let lastParams: HardwareParams | null = null;

/** The configuration's hardware parameters, the same object while `config.hardware` is the same. */
export function hardwareParamsOf(config: StudioConfig): HardwareParams {
  if (lastParams && config.hardware === lastHardware) return lastParams;
  lastParams = resolveHardwareParams(config);
  lastHardware = config.hardware;
  return lastParams;
}

let lastOptionsKey: { model: StudioConfig['model']; inputSize: StudioConfig['inputSize'] } | null =
  null;
let lastOptions: GranularityOption[][] = [];

/** Each stage's spatial granularities ({@link granularityOptions}), cached on the model and input size. */
export function granularityOptionsOf(config: StudioConfig): GranularityOption[][] {
  if (
    lastOptionsKey &&
    lastOptionsKey.model === config.model &&
    lastOptionsKey.inputSize === config.inputSize &&
    lastOptions.length === config.stages.length
  )
    return lastOptions;
  lastOptions = config.stages.map((_, i) => granularityOptions(config, i));
  lastOptionsKey = { model: config.model, inputSize: config.inputSize };
  return lastOptions;
}
