/** Default configurations: a sensible starting point for every architecture. */
import { findBuiltinArchitecture, BUILTIN_ARCHITECTURE_IDS, stageMidChannels } from '../arch';
import type { ArchitectureSpec } from '../arch';
import { CONFIG_FORMAT, CONFIG_VERSION } from './schema';
import type { StageConfig, StudioConfig } from './schema';

/** The paper's usual spatial granularity per stage resolution (S = 4-4-2-1 at 56-28-14-7). */
const PUBLISHED_GRANULARITY: Record<number, number> = { 56: 4, 28: 4, 14: 2, 7: 1 };

/** Default stage setting: spatial, the published S where it applies (else 1), G = 2 where it divides m. */
export function defaultStageConfig(arch: ArchitectureSpec, stageIndex: number): StageConfig {
  const stage = arch.stages[stageIndex];
  if (!stage) throw new RangeError(`stage ${stageIndex + 1} does not exist in ${arch.label}`);
  const m = stageMidChannels(arch, stage);
  const s = PUBLISHED_GRANULARITY[stage.outResolution];
  return {
    mode: 'spatial',
    spatialGranularity: s !== undefined && stage.outResolution % s === 0 ? s : 1,
    channelGroupSize: m % 2 === 0 ? 2 : 1,
    rate: null,
    channelRate: null,
  };
}

/** A default configuration for any architecture (custom ones are embedded in the document). */
export function configForArchitecture(
  arch: ArchitectureSpec,
  builtin: boolean,
  hardwareId = 'v100',
): StudioConfig {
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    name: `${arch.label}, spatial`,
    notes: '',
    model: builtin ? { kind: 'builtin', id: arch.id } : { kind: 'custom', architecture: arch },
    inputSize: arch.inputWidth === undefined ? arch.inputSize : [arch.inputSize, arch.inputWidth],
    hardware: { kind: 'preset', id: hardwareId, overrides: {} },
    targetRate: 0.5,
    stages: arch.stages.map((_, i) => defaultStageConfig(arch, i)),
    blockRates: {},
  };
}

/**
 * Default configuration: a built-in model, spatial masks at the published S = 4-4-2-1, G = 2, rate 0.5
 * everywhere, on a hardware preset.
 * @throws RangeError for an unknown model id (the message lists the valid ids).
 */
export function defaultConfig(modelId = 'resnet50', hardwareId = 'v100'): StudioConfig {
  const arch = findBuiltinArchitecture(modelId);
  if (!arch)
    throw new RangeError(
      `unknown model '${modelId}' (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
    );
  return configForArchitecture(arch, true, hardwareId);
}
