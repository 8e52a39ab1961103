/**
 * The seven performer-stem T2T-ViT variants of the T2T-ViT repository (spec §4) as data. Depth, width,
 * heads and MLP ratio are those registered upstream (`models/t2t_vit.py`); `t2t_vit_14_wide` really has 4
 * blocks of width 768 there, despite its name. MACs and parameters are counted from this data (`counts.ts`);
 * the authors' table (T2T-ViT README, "T2T-ViT Models") is kept next to them for comparison.
 */
import { countMacs, countParams } from './counts';
import { patchTokens } from './geometry';
import type { T2tStemSpec, T2tVariant, T2tVariantId } from './types';

/** Soft splits of the stem: kernel 7 stride 4, then twice kernel 3 stride 2 (T2T-ViT `T2T_module`). */
const SOFT_SPLITS: T2tStemSpec['softSplits'] = [
  { kernel: 7, stride: 4, padding: 2 },
  { kernel: 3, stride: 2, padding: 1 },
  { kernel: 3, stride: 2, padding: 1 },
];

/** The tokens-to-token stem shared by every variant (performer, 224 pixels). */
export const T2T_STEM: T2tStemSpec = Object.freeze({
  imageSize: 224,
  inChannels: 3,
  tokenDim: 64,
  kernelRatio: 0.5,
  softSplits: SOFT_SPLITS,
});

interface VariantRow {
  id: T2tVariantId;
  label: string;
  depth: number;
  embedDim: number;
  heads: number;
  mlpRatio: number;
  /** Authors' table: top-1 %, params (M), MACs (G); null where not reported. */
  paper: [number, number, number] | null;
}

const ROWS: readonly VariantRow[] = [
  {
    id: 't2t_vit_7',
    label: 'T2T-ViT-7',
    depth: 7,
    embedDim: 256,
    heads: 4,
    mlpRatio: 2,
    paper: [71.7, 4.3, 1.1],
  },
  {
    id: 't2t_vit_10',
    label: 'T2T-ViT-10',
    depth: 10,
    embedDim: 256,
    heads: 4,
    mlpRatio: 2,
    paper: [75.2, 5.9, 1.5],
  },
  {
    id: 't2t_vit_12',
    label: 'T2T-ViT-12',
    depth: 12,
    embedDim: 256,
    heads: 4,
    mlpRatio: 2,
    paper: [76.5, 6.9, 1.8],
  },
  {
    id: 't2t_vit_14',
    label: 'T2T-ViT-14',
    depth: 14,
    embedDim: 384,
    heads: 6,
    mlpRatio: 3,
    paper: [81.5, 21.5, 4.8],
  },
  {
    id: 't2t_vit_19',
    label: 'T2T-ViT-19',
    depth: 19,
    embedDim: 448,
    heads: 7,
    mlpRatio: 3,
    paper: [81.9, 39.2, 8.5],
  },
  {
    id: 't2t_vit_24',
    label: 'T2T-ViT-24',
    depth: 24,
    embedDim: 512,
    heads: 8,
    mlpRatio: 3,
    paper: [82.3, 64.1, 13.8],
  },
  {
    id: 't2t_vit_14_wide',
    label: 'T2T-ViT-14-wide (4 blocks)',
    depth: 4,
    embedDim: 768,
    heads: 12,
    mlpRatio: 3,
    paper: null,
  },
];

function build(row: VariantRow): T2tVariant {
  const shape = {
    depth: row.depth,
    embedDim: row.embedDim,
    mlpRatio: row.mlpRatio,
    numClasses: 1000,
    stem: T2T_STEM,
  };
  const params = countParams(shape);
  return Object.freeze({
    id: row.id,
    label: row.label,
    depth: row.depth,
    embedDim: row.embedDim,
    heads: row.heads,
    headDim: Math.floor(row.embedDim / row.heads),
    mlpRatio: row.mlpRatio,
    tokens: patchTokens(T2T_STEM) + 1,
    numClasses: 1000,
    stem: T2T_STEM,
    macs: countMacs(shape),
    params: params.total,
    trainableParams: params.trainable,
    paperTop1: row.paper ? row.paper[0] : null,
    paperParamsM: row.paper ? row.paper[1] : null,
    paperMacsG: row.paper ? row.paper[2] : null,
  });
}

/** Every supported variant by id. */
export const T2T_VARIANTS: Readonly<Record<T2tVariantId, T2tVariant>> = Object.freeze(
  Object.fromEntries(ROWS.map((r) => [r.id, build(r)])) as Record<T2tVariantId, T2tVariant>,
);

/** Variant ids in display order (smallest first; the paper's T2T-ViT-19 in the middle). */
export const T2T_VARIANT_IDS: readonly T2tVariantId[] = Object.freeze(ROWS.map((r) => r.id));

/** True when `id` names a supported T2T-ViT variant. */
export function isT2tVariantId(id: string): id is T2tVariantId {
  return Object.prototype.hasOwnProperty.call(T2T_VARIANTS, id);
}
