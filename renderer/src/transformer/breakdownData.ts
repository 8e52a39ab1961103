/** Groups of the transformer's costed parts, per image, for the breakdown view. */
import { DECISION_PART_NAMES, type TransformerPrediction } from '../../../core/transformer';

export type PartGroup = 'decision' | 'attention' | 'mlp';

export const GROUP_LABEL: Record<PartGroup, string> = {
  decision: 'Decision networks',
  attention: 'Attention sub-block',
  mlp: 'MLP sub-block',
};

export const GROUP_COLOR: Record<PartGroup, string> = {
  decision: 'var(--warn)',
  attention: 'var(--stage-1)',
  mlp: 'var(--stage-2)',
};

const MLP_PARTS = new Set(['MLP norm', 'fc1', 'GELU', 'fc2', 'MLP residual']);

/** The group of a block part (policies and token selector are decision networks). */
export function partGroup(name: string): PartGroup {
  if (DECISION_PART_NAMES.includes(name)) return 'decision';
  return MLP_PARTS.has(name) ? 'mlp' : 'attention';
}

export interface BlockBar {
  block: number;
  decision: number;
  attention: number;
  mlp: number;
  /** Block total, ms per image. */
  total: number;
}

/** Per block: ms per image of each group. */
export function blockBars(p: TransformerPrediction): BlockBar[] {
  const toMs = (s: number) => (s / p.batchSize) * 1000;
  return p.blocks.map((b) => {
    const bar: BlockBar = {
      block: b.index,
      decision: 0,
      attention: 0,
      mlp: 0,
      total: toMs(b.totalS),
    };
    for (const part of b.parts) bar[partGroup(part.name)] += toMs(part.seconds);
    return bar;
  });
}

export interface ModelRow {
  label: string;
  ms: number;
  staticMs: number;
}

/** Stem, position embedding, the blocks' three groups, tail — ms per image, dynamic and static. */
export function modelRows(p: TransformerPrediction): ModelRow[] {
  const toMs = (s: number) => (s / p.batchSize) * 1000;
  const bars = blockBars(p);
  const sum = (g: PartGroup) => bars.reduce((acc, b) => acc + b[g], 0);
  const staticBlocks = toMs(p.staticParts.blocksS);
  return [
    { label: 'Tokens-to-token stem', ms: toMs(p.stemS), staticMs: toMs(p.staticParts.stemS) },
    { label: 'Position embedding', ms: toMs(p.posEmbedS), staticMs: toMs(p.staticParts.posEmbedS) },
    { label: GROUP_LABEL.decision, ms: sum('decision'), staticMs: 0 },
    { label: `${GROUP_LABEL.attention}s`, ms: sum('attention'), staticMs: Number.NaN },
    { label: `${GROUP_LABEL.mlp}s`, ms: sum('mlp'), staticMs: Number.NaN },
    { label: 'All blocks', ms: toMs(p.blocksS), staticMs: staticBlocks },
    { label: 'Norm and classifier (tail)', ms: toMs(p.tailS), staticMs: toMs(p.staticParts.tailS) },
  ];
}
