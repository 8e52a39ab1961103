import type { ArchitectureSpec, BlockGeometry, StageSpec } from './types';

/** Python's round(): half to even (quirk Q17 uses it for the SE squeeze width). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Inner width m of a stage's blocks. */
export function stageMidChannels(arch: ArchitectureSpec, stage: StageSpec): number {
  return Math.floor(stage.outChannels / arch.bottleneckRatio);
}

/** conv2 groups of a stage: m ⫽ groupWidth for RegNet, 1 otherwise. */
export function stageGroups(arch: ArchitectureSpec, stage: StageSpec): number {
  if (arch.groupWidth === null) return 1;
  return Math.floor(stageMidChannels(arch, stage) / arch.groupWidth);
}

/**
 * Geometry of block `index` of stage `stageIndex` (block 0 takes the stage's input channels and stride,
 * the others are stride 1 with c_in = c_out), as in the predictor's stage tables (latency spec §5.1).
 */
export function blockGeometry(
  arch: ArchitectureSpec,
  stageIndex: number,
  index: number,
  globalIndex = 0,
): BlockGeometry {
  const stage = arch.stages[stageIndex];
  if (!stage) throw new RangeError(`stage ${stageIndex + 1} does not exist in ${arch.label}`);
  const first = index === 0;
  const stride = first ? stage.firstStride : 1;
  const inChannels = first ? stage.inChannels : stage.outChannels;
  return {
    key: `stage${stageIndex + 1}/${index}`,
    stage: stageIndex,
    index,
    globalIndex,
    inChannels,
    outChannels: stage.outChannels,
    midChannels: stageMidChannels(arch, stage),
    groups: stageGroups(arch, stage),
    inSize: stage.outResolution * stride,
    outSize: stage.outResolution,
    inWidth: (stage.outWidth ?? stage.outResolution) * stride,
    outWidth: stage.outWidth ?? stage.outResolution,
    stride,
    projection: first && (stride !== 1 || inChannels !== stage.outChannels),
    se: arch.se,
    squeezeChannels: arch.se ? roundHalfEven(arch.seRatio * inChannels) : 0,
  };
}

/** All blocks of a network, stage by stage, block by block. */
export function listBlocks(arch: ArchitectureSpec): BlockGeometry[] {
  const out: BlockGeometry[] = [];
  arch.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.blocks; b++) out.push(blockGeometry(arch, s, b, out.length));
  });
  return out;
}
