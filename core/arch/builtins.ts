import type { ArchitectureSpec, StageSpec } from './types';

const resnetStages = (blocks: [number, number, number, number]): StageSpec[] => [
  { inChannels: 64, outChannels: 256, blocks: blocks[0], firstStride: 1, outResolution: 56 },
  { inChannels: 256, outChannels: 512, blocks: blocks[1], firstStride: 2, outResolution: 28 },
  { inChannels: 512, outChannels: 1024, blocks: blocks[2], firstStride: 2, outResolution: 14 },
  { inChannels: 1024, outChannels: 2048, blocks: blocks[3], firstStride: 2, outResolution: 7 },
];

const regnetStages = (
  widths: [number, number, number, number],
  blocks: [number, number, number, number],
): StageSpec[] => {
  const ins = [32, widths[0], widths[1], widths[2]];
  const res = [56, 28, 14, 7];
  return widths.map((w, i) => ({
    inChannels: ins[i]!,
    outChannels: w,
    blocks: blocks[i]!,
    firstStride: 2,
    outResolution: res[i]!,
  }));
};

const resnetStem = {
  kind: 'resnet',
  outChannels: 64,
  kernel: 7,
  stride: 2,
  maxPool: true,
} as const;
const regnetStem = {
  kind: 'regnet',
  outChannels: 32,
  kernel: 3,
  stride: 2,
  maxPool: false,
} as const;

/** The four backbones of the LAUDNet paper (formulation spec §1 table). */
export const BUILTIN_ARCHITECTURES: readonly ArchitectureSpec[] = [
  {
    id: 'resnet50',
    label: 'ResNet-50',
    trainingArch: 'uni_resnet50',
    inputSize: 224,
    bottleneckRatio: 4,
    groupWidth: null,
    se: false,
    seRatio: 0.25,
    stem: resnetStem,
    numClasses: 1000,
    stages: resnetStages([3, 4, 6, 3]),
  },
  {
    id: 'resnet101',
    label: 'ResNet-101',
    trainingArch: 'uni_resnet101',
    inputSize: 224,
    bottleneckRatio: 4,
    groupWidth: null,
    se: false,
    seRatio: 0.25,
    stem: resnetStem,
    numClasses: 1000,
    stages: resnetStages([3, 4, 23, 3]),
  },
  {
    id: 'regnety004',
    label: 'RegNetY-400MF',
    trainingArch: 'lad_regnet_y_400mf',
    inputSize: 224,
    bottleneckRatio: 1,
    groupWidth: 8,
    se: true,
    seRatio: 0.25,
    stem: regnetStem,
    numClasses: 1000,
    stages: regnetStages([48, 104, 208, 440], [1, 3, 6, 6]),
  },
  {
    id: 'regnety008',
    label: 'RegNetY-800MF',
    trainingArch: 'lad_regnet_y_800mf',
    inputSize: 224,
    bottleneckRatio: 1,
    groupWidth: 16,
    se: true,
    seRatio: 0.25,
    stem: regnetStem,
    numClasses: 1000,
    stages: regnetStages([64, 144, 320, 784], [1, 3, 8, 2]),
  },
];

/** Ids of the built-in architectures, in display order. */
export const BUILTIN_ARCHITECTURE_IDS = BUILTIN_ARCHITECTURES.map((a) => a.id);

/** Looks up a built-in architecture; undefined when the id is unknown. */
export function findBuiltinArchitecture(id: string): ArchitectureSpec | undefined {
  return BUILTIN_ARCHITECTURES.find((a) => a.id === id);
}
