/**
 * Pure edits of a configuration, one per control of the tuner. Each returns a new object (or the same
 * one when nothing changes, so no undo step is recorded).
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { configForArchitecture } from '../../../core/config/defaults';
import type { ConfigStageMode, StageConfig, StudioConfig } from '../../../core/config/schema';
import type { HardwareParams } from '../../../core/predictor/hardware';

function withStage(config: StudioConfig, index: number, patch: Partial<StageConfig>): StudioConfig {
  const stage = config.stages[index];
  if (!stage) return config;
  const next = { ...stage, ...patch };
  if (
    Object.keys(patch).every((k) => stage[k as keyof StageConfig] === next[k as keyof StageConfig])
  ) {
    return config;
  }
  const stages = config.stages.slice();
  stages[index] = next;
  return { ...config, stages };
}

/** Removes per-block overrides of one stage (or of all stages when `stage` is undefined). */
function dropBlockRates(config: StudioConfig, stage?: number): Record<string, number> {
  if (stage === undefined) return {};
  const prefix = `stage${stage + 1}/`;
  return Object.fromEntries(
    Object.entries(config.blockRates).filter(([k]) => !k.startsWith(prefix)),
  );
}

export function setStageMode(
  config: StudioConfig,
  stage: number,
  mode: ConfigStageMode,
): StudioConfig {
  return withStage(config, stage, { mode });
}

export function setStageGranularity(config: StudioConfig, stage: number, s: number): StudioConfig {
  return withStage(config, stage, { spatialGranularity: s });
}

export function setStageGroupSize(config: StudioConfig, stage: number, g: number): StudioConfig {
  return withStage(config, stage, { channelGroupSize: g });
}

/** Sets a stage's rate (null: follow the global target); per-block overrides of the stage are dropped. */
export function setStageRate(
  config: StudioConfig,
  stage: number,
  rate: number | null,
): StudioConfig {
  const next = withStage(config, stage, { rate });
  if (next === config) return config;
  return { ...next, blockRates: dropBlockRates(config, stage) };
}

export function setStageChannelRate(
  config: StudioConfig,
  stage: number,
  rate: number | null,
): StudioConfig {
  return withStage(config, stage, { channelRate: rate });
}

/** Sets the global target: every stage follows it again and per-block overrides are cleared. */
export function setTargetRate(config: StudioConfig, rate: number): StudioConfig {
  if (
    config.targetRate === rate &&
    config.stages.every((s) => s.rate === null) &&
    Object.keys(config.blockRates).length === 0
  ) {
    return config;
  }
  // Unchanged parts keep their identity, so views that read only them do not re-render.
  const follow = config.stages.every((s) => s.rate === null);
  return {
    ...config,
    targetRate: rate,
    stages: follow
      ? config.stages
      : config.stages.map((s) => (s.rate === null ? s : { ...s, rate: null })),
    blockRates: Object.keys(config.blockRates).length === 0 ? config.blockRates : {},
  };
}

/** Sets (or with null removes) one block's rate override. */
export function setBlockRate(config: StudioConfig, key: string, rate: number | null): StudioConfig {
  const current = config.blockRates[key];
  if (rate === null) {
    if (current === undefined) return config;
    const { [key]: _removed, ...rest } = config.blockRates;
    return { ...config, blockRates: rest };
  }
  if (current === rate) return config;
  return { ...config, blockRates: { ...config.blockRates, [key]: rate } };
}

/** Switches the model, keeping hardware, target rate, name and notes. */
export function setArchitecture(
  config: StudioConfig,
  arch: ArchitectureSpec,
  builtin: boolean,
): StudioConfig {
  const fresh = configForArchitecture(arch, builtin);
  return {
    ...fresh,
    name: fresh.name,
    notes: config.notes,
    hardware: config.hardware,
    targetRate: config.targetRate,
  };
}

export function setHardwarePreset(config: StudioConfig, id: string): StudioConfig {
  if (config.hardware.kind === 'preset' && config.hardware.id === id) return config;
  // Overrides (batch size included) belong to the previous card: the new preset starts clean.
  return { ...config, hardware: { kind: 'preset', id, overrides: {} } };
}

/** Overrides one hardware parameter of a preset (or edits a custom device). */
export function setHardwareParam<K extends keyof HardwareParams>(
  config: StudioConfig,
  key: K,
  value: HardwareParams[K],
): StudioConfig {
  if (config.hardware.kind === 'preset') {
    return {
      ...config,
      hardware: { ...config.hardware, overrides: { ...config.hardware.overrides, [key]: value } },
    };
  }
  return {
    ...config,
    hardware: { ...config.hardware, params: { ...config.hardware.params, [key]: value } },
  };
}

/** Turns the current hardware into a custom device with explicit parameters. */
export function setCustomHardware(
  config: StudioConfig,
  label: string,
  params: HardwareParams,
): StudioConfig {
  return { ...config, hardware: { kind: 'custom', label, params } };
}

export function setNotes(config: StudioConfig, notes: string): StudioConfig {
  return notes === config.notes ? config : { ...config, notes };
}
