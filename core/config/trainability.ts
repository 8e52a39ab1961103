/**
 * Whether a stage setting can be trained with the reference LAUDNet code (flops-accounting spec §5.7,
 * formulation spec §6). The latency model is defined for more settings than the reference model can build,
 * so `predict` still answers for these; the app marks the stage and the training-flag export refuses.
 * Every caller (CLI predict and export, the app's stage controls, the report) goes through this one file.
 */
import { stageMidChannels } from '../arch';
import type { ArchitectureSpec } from '../arch';

/** The sentence every surface uses for a setting the reference code cannot train. */
export const NOT_TRAINABLE = 'not trainable with the reference code';

/** A stage's mode in any of the app's spellings (`both` is the reference script's spatial+channel). */
export type TrainabilityMode =
  'static' | 'spatial' | 'channel' | 'layer' | 'spatial+channel' | 'both';

/** One reason a stage cannot be trained with the reference code. */
export interface TrainabilityProblem {
  /** 0-based stage index. */
  stage: number;
  /** Which rule: RegNet layer mode, or a channel group size that does not divide the bottleneck width. */
  rule: 'regnet-layer' | 'group-size';
  /** The reason in words, without the stage prefix. */
  reason: string;
  /** `stage N: not trainable with the reference code: <reason>`. */
  message: string;
}

/** Divisors of n, ascending (only for messages). */
function divisorList(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** True for the RegNet family, whose reference blocks accept only spatial, channel and both. */
export function isRegNetFamily(arch: ArchitectureSpec): boolean {
  return arch.stem.kind === 'regnet';
}

/**
 * The reasons stage `stageIndex` of `arch` cannot be trained with the reference code in `mode` with
 * channel group size `channelGroupSize` (empty when it can). Rules: RegNet has no layer mode; in channel
 * and spatial+channel modes G must divide the stage's bottleneck width m (the model splits m into m/G groups).
 */
export function stageTrainability(
  arch: ArchitectureSpec,
  stageIndex: number,
  mode: TrainabilityMode,
  channelGroupSize: number,
): TrainabilityProblem[] {
  const spec = arch.stages[stageIndex];
  if (!spec) return [];
  const problems: TrainabilityProblem[] = [];
  const add = (rule: TrainabilityProblem['rule'], reason: string) =>
    problems.push({
      stage: stageIndex,
      rule,
      reason,
      message: `stage ${stageIndex + 1}: ${NOT_TRAINABLE}: ${reason}`,
    });
  if (mode === 'layer' && isRegNetFamily(arch)) {
    add(
      'regnet-layer',
      `${arch.label} has no layer mode in the reference code (its blocks accept spatial, channel and spatial+channel)`,
    );
  }
  if (mode === 'channel' || mode === 'spatial+channel' || mode === 'both') {
    const m = stageMidChannels(arch, spec);
    if (!Number.isInteger(channelGroupSize) || channelGroupSize < 1 || m % channelGroupSize !== 0) {
      add(
        'group-size',
        `G = ${channelGroupSize} does not divide the bottleneck width m = ${m} (valid: ${divisorList(m).join(', ')})`,
      );
    }
  }
  return problems;
}
