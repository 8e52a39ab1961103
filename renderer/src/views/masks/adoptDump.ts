/**
 * The configuration the tuner adopts when a real mask dump is opened: the dump's model, modes and
 * granularities, and per-block rates measured from its arrays. Hardware, target rate and notes stay.
 */
import type { ArchitectureSpec } from '../../../../core/arch';
import { BUILTIN_ARCHITECTURES, stageMidChannels } from '../../../../core/arch';
import type { StageConfig, StudioConfig } from '../../../../core/config/schema';
import { validateConfig } from '../../../../core/config/validate';
import type { DumpConfigPatch } from '../../../../core/maskfile/config';
import { setArchitecture } from '../../store/configEdits';

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Values of `record` whose key belongs to stage `stage` (0-based), in block order. */
function stageValues(record: Readonly<Record<string, number>>, stage: number): number[] {
  const prefix = `stage${stage + 1}/`;
  return Object.entries(record)
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map(([, v]) => v);
}

export type AdoptDumpResult = { ok: true; config: StudioConfig } | { ok: false; error: string };

/**
 * `current` changed to describe the dump. A stage's rate becomes the mean of its blocks' measured
 * rates (what its slider shows); every block keeps its own measured rate as an override, so the
 * predictor sees exactly the dump. A configuration can hold one channel rate per stage only, so the
 * channel rates of spatial+channel blocks are averaged per stage.
 */
export function configFromDump(
  current: StudioConfig,
  arch: ArchitectureSpec,
  patch: DumpConfigPatch,
): AdoptDumpResult {
  const builtin = BUILTIN_ARCHITECTURES.some((a) => a.id === arch.id);
  const base = setArchitecture(current, arch, builtin);
  const stages = base.stages.map((defaults, i): StageConfig => {
    const spec = arch.stages[i];
    const mode = patch.modes[i] ?? defaults.mode;
    const S = patch.spatialGranularity[i] ?? defaults.spatialGranularity;
    const G = patch.channelGroupSize[i] ?? defaults.channelGroupSize;
    const m = spec ? stageMidChannels(arch, spec) : 0;
    const channelRate =
      mode === 'spatial+channel' ? mean(stageValues(patch.blockChannelRates, i)) : null;
    return {
      mode,
      spatialGranularity: spec && spec.outResolution % S === 0 ? S : defaults.spatialGranularity,
      // Stages without channel masks still carry a G; keep the default when the dump's does not fit.
      channelGroupSize: m > 0 && m % G === 0 ? G : defaults.channelGroupSize,
      rate: mean(stageValues(patch.blockRates, i)),
      channelRate,
    };
  });
  const config: StudioConfig = { ...base, stages, blockRates: { ...patch.blockRates } };
  const problems = validateConfig(config);
  if (problems.length > 0) {
    return {
      ok: false,
      error: `The dump's configuration cannot be adopted: ${problems.join('; ')}.`,
    };
  }
  return { ok: true, config };
}
