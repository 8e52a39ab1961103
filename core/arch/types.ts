/**
 * Architectures of the residual-bottleneck family that LAUDNet makes dynamic (formulation spec §1).
 * Kept as data so that user-defined backbones (from JSON) go through exactly the same code paths.
 */

/** One stage: `blocks` bottleneck blocks; the first one changes channels and (maybe) resolution. */
export interface StageSpec {
  /** Channels entering the stage (`first` in the predictor's stage table). */
  inChannels: number;
  /** Channels leaving every block of the stage (`last`). */
  outChannels: number;
  /** Number of bottleneck blocks. */
  blocks: number;
  /** Stride of the first block's 3×3 conv (and of its projection shortcut). */
  firstStride: number;
  /** Output feature-map side (56, 28, 14, 7 for the shipped models at 224); the height when not square. */
  outResolution: number;
  /** Output width when the map is not square (inputs such as 800×1333); absent means `outResolution`. */
  outWidth?: number;
}

/** Stem: the static layers before stage 1 (costed in FLOPs, not in the predictor — quirk Q18). */
export interface StemSpec {
  kind: 'resnet' | 'regnet';
  /** Output channels of the stem convolution. */
  outChannels: number;
  /** Kernel size of the stem convolution (7 for ResNet, 3 for RegNet). */
  kernel: number;
  /** Stride of the stem convolution. */
  stride: number;
  /** Whether a 3×3 stride-2 max-pool follows (ResNet). */
  maxPool: boolean;
}

export interface ArchitectureSpec {
  /** Stable id used by the CLI, configs and the predictor (`resnet50`, …). */
  id: string;
  /** Human-readable name (`ResNet-50`). */
  label: string;
  /** `--arch` value of the reference training script, when it has one. */
  trainingArch: string | null;
  /** Network input side in pixels; the height when the input is not square. */
  inputSize: number;
  /** Input width when not square (e.g. 1333 for 800×1333); absent means `inputSize`. */
  inputWidth?: number;
  /** Bottleneck ratio b: inner width m = outChannels / b. */
  bottleneckRatio: number;
  /** Group width of conv2 (RegNet); null means groups = 1 (ResNet). */
  groupWidth: number | null;
  /** Squeeze-and-excitation after conv2 (RegNetY). */
  se: boolean;
  /** SE squeeze width as a fraction of the block input width (0.25; quirk Q17). */
  seRatio: number;
  stem: StemSpec;
  /** Number of classes of the linear head. */
  numClasses: number;
  stages: StageSpec[];
}

/** Everything the predictor and the FLOPs counter need to know about one block. */
export interface BlockGeometry {
  /** `stage{s}/{b}` with 1-based stage and 0-based block, as in mask dumps. */
  key: string;
  /** 0-based stage index. */
  stage: number;
  /** 0-based index inside the stage. */
  index: number;
  /** 0-based index over the whole network. */
  globalIndex: number;
  inChannels: number;
  outChannels: number;
  /** Inner (bottleneck) width m. */
  midChannels: number;
  /** conv2 groups. */
  groups: number;
  /** Input side (conv1 resolution); the height when the map is not square. */
  inSize: number;
  /** Output side (conv2/conv3 resolution); the height when the map is not square. */
  outSize: number;
  /** Input width; absent means `inSize` (square). */
  inWidth?: number;
  /** Output width; absent means `outSize` (square). */
  outWidth?: number;
  stride: number;
  /** True when the shortcut is a 1×1 projection (shape change). */
  projection: boolean;
  se: boolean;
  /** SE squeeze width, round-half-even(seRatio · inChannels); 0 when no SE. */
  squeezeChannels: number;
}
