/**
 * From a configuration to what the computations need: the architecture at the configured input size, the
 * per-block rates (global → stage → block overrides), the hardware parameters and the FLOPs settings.
 */
import { BUILTIN_ARCHITECTURE_IDS, findBuiltinArchitecture, stageMidChannels } from '../arch';
import { architectureAtSize, nativeInputSize, type InputSize } from '../arch/inputSize';
import type { ArchitectureSpec, BlockGeometry } from '../arch';
import type { BlockDynamics } from '../flops/block';
import { resolveHardware } from '../predictor/hardware';
import type { HardwareParams } from '../predictor/hardware';
import { divisors } from '../math/divisors';
import type { StageConfig, StudioConfig } from './schema';

/** Valid spatial granularities S of a stage whose output side is `size`: the divisors of `size`. */
export function validGranularities(size: number): number[] {
  return divisors(size);
}

/** Valid channel group sizes G of a block with inner width `m`: the divisors of `m`. */
export function validChannelGroupSizes(m: number): number[] {
  return divisors(m);
}

/** A configuration's input size as height × width (the file stores a number when square). */
export function configInputSize(config: Pick<StudioConfig, 'inputSize'>): InputSize {
  const v = config.inputSize;
  return typeof v === 'number' ? { height: v, width: v } : { height: v[0], width: v[1] };
}

/** The stored form of an input size: a number when square, `[height, width]` otherwise. */
export function storedInputSize(size: InputSize): number | [number, number] {
  return size.height === size.width ? size.height : [size.height, size.width];
}

/**
 * The architecture recomputed for another input size: stage feature sizes by conv arithmetic from the
 * stem and strides (`featureSizes`), each side on its own. Returns the same object when the size is
 * the architecture's own, so memo tables keyed by identity keep working and 224 results are unchanged.
 * @throws RangeError when a side is outside 32 to 4096 pixels.
 */
export function architectureAtInputSize(
  arch: ArchitectureSpec,
  inputSize: number | readonly [number, number] | InputSize,
): ArchitectureSpec {
  const size: InputSize =
    typeof inputSize === 'number'
      ? { height: inputSize, width: inputSize }
      : 'height' in inputSize
        ? inputSize
        : { height: inputSize[0], width: inputSize[1] };
  return architectureAtSize(arch, size);
}

/**
 * True when the configuration runs the architecture at another size than it is defined at (detection
 * and segmentation inputs): the reference training code only supports the architecture's own size, and
 * spatial granularities that leave partial border patches are accepted (the predictor's ceiling rule).
 */
export function isOffNativeSize(arch: ArchitectureSpec, config: StudioConfig): boolean {
  const native = nativeInputSize(arch);
  const size = configInputSize(config);
  return size.height !== native.height || size.width !== native.width;
}

/** The configuration's base architecture, before the input size is applied; undefined for an unknown id. */
export function baseArchitecture(config: StudioConfig): ArchitectureSpec | undefined {
  return config.model.kind === 'builtin'
    ? findBuiltinArchitecture(config.model.id)
    : config.model.architecture;
}

/**
 * The architecture a configuration describes, at the configured input size.
 * @throws RangeError for an unknown built-in id (listing the valid ids) or an unusable input size.
 */
export function resolveArchitecture(config: StudioConfig): ArchitectureSpec {
  const arch = baseArchitecture(config);
  if (!arch) {
    const id = config.model.kind === 'builtin' ? config.model.id : '';
    throw new RangeError(
      `model.id: unknown model '${id}' (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
    );
  }
  return architectureAtInputSize(arch, config.inputSize);
}

/** Rate of one block: its override, else its stage's rate, else the global target; 1 in a static stage. */
export function blockRate(config: StudioConfig, stageIndex: number, blockIndex: number): number {
  const stage = config.stages[stageIndex];
  if (!stage || stage.mode === 'static') return 1;
  return (
    config.blockRates[`stage${stageIndex + 1}/${blockIndex}`] ?? stage.rate ?? config.targetRate
  );
}

/** Channel rate of one block: only spatial+channel has a separate one (null follows the block's rate). */
export function blockChannelRate(
  config: StudioConfig,
  stageIndex: number,
  blockIndex: number,
): number {
  const stage = config.stages[stageIndex];
  if (!stage || stage.mode !== 'spatial+channel') return 1;
  return stage.channelRate ?? blockRate(config, stageIndex, blockIndex);
}

/** True when the configuration has any per-block rate override (else no block key needs building). */
function hasBlockOverrides(config: StudioConfig): boolean {
  for (const _key in config.blockRates) return true;
  return false;
}

/** {@link blockRate} without the override lookup, for configurations that have none. */
function rateWithoutOverrides(config: StudioConfig, stageIndex: number): number {
  const stage = config.stages[stageIndex];
  if (!stage || stage.mode === 'static') return 1;
  return stage.rate ?? config.targetRate;
}

/** Per-block activation rates, `rates[stage][block]` (global target → stage rate → block override). */
export function resolveBlockRates(
  config: StudioConfig,
  arch = resolveArchitecture(config),
): number[][] {
  if (!hasBlockOverrides(config)) {
    return arch.stages.map((s, i) =>
      new Array<number>(s.blocks).fill(rateWithoutOverrides(config, i)),
    );
  }
  return arch.stages.map((s, i) =>
    Array.from({ length: s.blocks }, (_, j) => blockRate(config, i, j)),
  );
}

/** Per-block channel rates of spatial+channel stages (1 elsewhere), `[stage][block]`. */
export function resolveChannelRates(
  config: StudioConfig,
  arch = resolveArchitecture(config),
): number[][] {
  if (!hasBlockOverrides(config)) {
    return arch.stages.map((s, i) => {
      const stage = config.stages[i];
      const rate =
        !stage || stage.mode !== 'spatial+channel'
          ? 1
          : (stage.channelRate ?? rateWithoutOverrides(config, i));
      return new Array<number>(s.blocks).fill(rate);
    });
  }
  return arch.stages.map((s, i) =>
    Array.from({ length: s.blocks }, (_, j) => blockChannelRate(config, i, j)),
  );
}

/** Spatial granularity a stage effectively uses: the whole map in layer mode. */
export function effectiveGranularity(
  arch: ArchitectureSpec,
  stage: StageConfig,
  stageIndex: number,
): number {
  const res = arch.stages[stageIndex]?.outResolution ?? 1;
  return stage.mode === 'layer' ? res : stage.spatialGranularity;
}

/** Hardware parameters of a configuration (preset + overrides, or the custom parameters). */
export function resolveHardwareParams(config: StudioConfig): HardwareParams {
  if (config.hardware.kind === 'custom') return resolveHardware(config.hardware.params);
  return resolveHardware(config.hardware.id, config.hardware.overrides);
}

/** The FLOPs counter's view of a configuration: one dynamic setting per block. */
export function blockDynamicsOf(config: StudioConfig, arch = resolveArchitecture(config)) {
  const rateOf = hasBlockOverrides(config)
    ? blockRate
    : (c: StudioConfig, stageIndex: number) => rateWithoutOverrides(c, stageIndex);
  return (block: BlockGeometry): BlockDynamics => {
    const stage = config.stages[block.stage];
    if (!stage)
      return {
        mode: 'static',
        spatialGranularity: 1,
        channelGroupSize: 1,
        rate: 1,
        channelRate: 1,
      };
    return {
      mode: stage.mode,
      spatialGranularity: effectiveGranularity(arch, stage, block.stage),
      channelGroupSize: stage.channelGroupSize,
      rate: rateOf(config, block.stage, block.index),
      channelRate:
        stage.mode !== 'spatial+channel'
          ? 1
          : (stage.channelRate ?? rateOf(config, block.stage, block.index)),
    };
  };
}

/** Inner width m of stage `i` (undefined when the stage does not exist). */
export function stageInnerWidth(arch: ArchitectureSpec, i: number): number | undefined {
  const s = arch.stages[i];
  return s ? stageMidChannels(arch, s) : undefined;
}
