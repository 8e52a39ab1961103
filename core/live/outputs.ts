/**
 * An ONNX session's outputs → the same in-memory mask dump the `.laudmask.npz` reader produces
 * (`MaskDump`, core/maskfile), so every mask view takes live masks like a dump's. Output names are the
 * dump's member names (`stage1/0/spatial`); shapes carry a leading batch axis of 1. Strict where the data
 * would be wrong (a missing output, a shape that does not fit the architecture, mask values other than
 * 0/1); conv masks a model does not output are derived from the grid, as the dump reader does.
 */
import { capMessage } from '../config/jsonSyntax';
import { deriveConvMasks } from '../maskfile/derive';
import type { ArrayKind, ExpectedArray } from '../maskfile/expected';
import { expectedBlockArrays } from '../maskfile/expected';
import type { LaudmaskManifest, ManifestBlock } from '../maskfile/manifest';
import { LAUDMASK_FORMAT, LAUDMASK_VERSION } from '../maskfile/manifest';
import type { BlockRates, DumpBlock, MaskDump, MaskPlane, ScorePlane } from '../maskfile/types';
import { dumpWarnings } from '../maskfile/warnings';
import type { LiveModelMeta } from './metadata';
import type { ThresholdOffsets } from './offsets';
import { applyThresholdOffsets } from './offsets';

/** One output tensor as onnxruntime returns it (`Tensor.data`, `Tensor.dims`). */
export interface LiveTensor {
  data: ArrayLike<number>;
  dims: readonly number[];
}

export interface OutputsToDumpOptions {
  /** Threshold offsets on the soft scores (see `offsets.ts`); none: the model's own decisions. */
  offsets?: ThresholdOffsets;
  /** The 224×224 network input as PNG (what the dump's `image.png` holds); default empty. */
  imagePng?: Uint8Array;
  /** The manifest's `input` entry (file, sha256, orig_size, crop_box, normalize). */
  input?: NonNullable<LaudmaskManifest['input']>;
}

export type OutputsToDumpResult = { ok: true; dump: MaskDump } | { ok: false; error: string };

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const text = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Dims fit an expected shape when they hold the same data: a leading batch of 1, size-1 axes free. */
function fits(dims: readonly number[], shape: readonly number[]): boolean {
  const a = dims.filter((d) => d !== 1);
  const b = shape.filter((d) => d !== 1);
  return product(dims) === product(shape) && a.length === b.length && a.every((v, i) => v === b[i]);
}

function density(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) n += data[i] as number;
  return data.length === 0 ? 0 : n / data.length;
}

/** Top five classes by softmax probability (computed in double precision). */
export function topFive(logits: ArrayLike<number>): { index: number[]; prob: number[] } {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const exp = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    exp[i] = Math.exp((logits[i] as number) - max);
    sum += exp[i] as number;
  }
  const order = Array.from({ length: logits.length }, (_, i) => i).sort(
    (a, b) => (exp[b] as number) - (exp[a] as number) || a - b,
  );
  const index = order.slice(0, 5);
  return { index, prob: index.map((i) => (exp[i] as number) / sum) };
}

/**
 * Maps the outputs of one `session.run` (batch 1) to a mask dump. Never throws: a missing or misshapen
 * output comes back as `{ ok: false, error }`.
 */
export function outputsToDump(
  meta: LiveModelMeta,
  outputs: Readonly<Record<string, LiveTensor>>,
  opts: OutputsToDumpOptions = {},
): OutputsToDumpResult {
  const logits = outputs[meta.logitsName];
  if (!logits) return { ok: false, error: `The model returned no "${meta.logitsName}" output.` };
  const blocks: DumpBlock[] = [];
  const manifestBlocks: ManifestBlock[] = [];
  const table: NonNullable<LaudmaskManifest['arrays']> = {};
  for (const live of meta.blocks) {
    const g = live.geometry;
    const arrays = new Map<ArrayKind, { e: ExpectedArray; data: ArrayLike<number> }>();
    for (const e of expectedBlockArrays(g, meta.config)) {
      const name = live.outputs[e.kind];
      const tensor = name === undefined ? undefined : outputs[name];
      if (!tensor) {
        if (e.required || name !== undefined) {
          return {
            ok: false,
            error: `The model returned no "${capMessage(name ?? e.name, 80)}" output (block ${g.key}).`,
          };
        }
        continue;
      }
      if (!fits(tensor.dims, e.shape) || tensor.data.length !== product(e.shape)) {
        return {
          ok: false,
          error: `Output ${capMessage(name ?? e.name, 80)} has shape ${text(tensor.dims)}; ${meta.arch.label} ${g.key} needs ${text([1, ...e.shape])}.`,
        };
      }
      if (e.kind !== 'spatial_logit') {
        for (let i = 0; i < tensor.data.length; i++) {
          const v = tensor.data[i] as number;
          if (v !== 0 && v !== 1) {
            return {
              ok: false,
              error: `Output ${capMessage(name ?? e.name, 80)} holds ${v} at index ${i}; masks hold only 0 and 1.`,
            };
          }
        }
      }
      arrays.set(e.kind, { e, data: tensor.data });
      table[e.name] = { dtype: e.dtype, shape: [...e.shape] };
    }
    const planeOf = (kind: ArrayKind): MaskPlane | null => {
      const a = arrays.get(kind);
      if (!a) return null;
      const [groups = 1, height = 1, width = 1] = a.e.shape;
      return { groups, height, width, data: Uint8Array.from(a.data) };
    };
    const grid = planeOf('spatial');
    let conv2 = planeOf('conv2');
    let conv1 = planeOf('conv1');
    const derived: ('conv1' | 'conv2')[] = [];
    if (grid && (!conv2 || !conv1)) {
      const made = deriveConvMasks(g, grid);
      if (!conv2) derived.push('conv2');
      if (!conv1) derived.push('conv1');
      conv2 ??= made.conv2;
      conv1 ??= made.conv1;
    }
    const score = arrays.get('spatial_logit');
    let gridScore: ScorePlane | null = null;
    if (score && grid) {
      gridScore = {
        groups: grid.groups,
        height: grid.height,
        width: grid.width,
        data: Float32Array.from(score.data),
      };
    }
    const channelArray = arrays.get('channel');
    const channel = channelArray ? Uint8Array.from(channelArray.data) : null;
    const rates: BlockRates = {
      spatial: grid ? density(grid.data) : null,
      conv2: conv2 ? density(conv2.data) : null,
      conv1: conv1 ? density(conv1.data) : null,
      channel: channel ? density(channel) : null,
    };
    const layer = meta.config.modes[g.stage] === 'layer';
    blocks.push({
      key: g.key,
      stage: g.stage,
      index: g.index,
      globalIndex: g.globalIndex,
      mode: live.mode,
      granularity: grid
        ? layer
          ? g.outSize
          : (meta.config.spatialGranularity[g.stage] ?? null)
        : null,
      channelGroupSize: channel ? (meta.config.channelGroupSize[g.stage] ?? null) : null,
      grid,
      gridScore,
      conv2,
      conv1,
      channel,
      rates,
      module: live.module,
      manifestRates: { ...rates },
      derived,
    });
    manifestBlocks.push({
      key: g.key,
      module: live.module,
      spatial_shape: grid ? [grid.groups, grid.height, grid.width] : null,
      spatial_rate: rates.spatial,
      conv2_rate: rates.conv2,
      conv1_rate: rates.conv1,
      channel_shape: channel ? [channel.length] : null,
      channel_rate: rates.channel,
    });
  }
  const top = topFive(logits.data);
  const size = meta.inputShape[2];
  const manifest: LaudmaskManifest = {
    format: LAUDMASK_FORMAT,
    version: LAUDMASK_VERSION,
    model: { ...meta.raw.model },
    input: opts.input ?? {
      size,
      normalize: { mean: [...meta.preprocessing.mean], std: [...meta.preprocessing.std] },
    },
    prediction: { top5_index: top.index, top5_prob: top.prob },
    blocks: manifestBlocks,
    arrays: table,
  };
  const dump: MaskDump = {
    manifest,
    arch: meta.arch,
    modes: [...meta.modes],
    referenceModes: [...meta.config.modes],
    spatialGranularity: [...meta.config.spatialGranularity],
    channelGroupSize: [...meta.config.channelGroupSize],
    spatialMaskChannelGroup: [...meta.config.spatialMaskChannelGroup],
    weights: meta.weights,
    weightsText: meta.weightsText,
    checkpoint: meta.checkpoint,
    origSize: manifest.input?.orig_size ?? null,
    cropBox: manifest.input?.crop_box ?? null,
    blocks,
    imagePng: opts.imagePng ?? new Uint8Array(0),
    warnings: dumpWarnings(blocks, { randomInit: meta.weights === 'random-init' }),
  };
  return { ok: true, dump: opts.offsets ? applyThresholdOffsets(dump, opts.offsets) : dump };
}
