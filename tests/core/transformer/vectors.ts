// Reads tests/data/reference/transformer_model_vectors.csv into whole-model configurations.
import type { TransformerConfig, TransformerMode, T2tVariantId } from '../../../core/transformer';
import { loadCsv, type Row } from '../predictor/reference-data';

export const MODEL_VECTOR_FILE = 'transformer_model_vectors.csv';

/** A reference row as a configuration (switches from the row's own columns) and its expectations. */
export interface ModelVector {
  line: number;
  row: Row;
  hardware: string;
  config: TransformerConfig;
  error: string;
}

const list = (cell: string): number[] => cell.split('-').map(Number);
const bools = (cell: string): boolean[] => cell.split('-').map((s) => s === '1');

/** Every row of the file, in file order (line numbers 1-based, header = line 1). */
export function loadModelVectors(): ModelVector[] {
  return loadCsv(MODEL_VECTOR_FILE).map((row, i) => ({
    line: i + 2,
    row,
    hardware: row.hardware!,
    error: row.error!,
    config: {
      model: row.variant as T2tVariantId,
      mode: row.mode as TransformerMode,
      tokenRate: list(row.token_rate!),
      headRate: list(row.head_rate!),
      attnRate: list(row.attn_rate!),
      mlpRate: list(row.mlp_rate!),
      batchConvention: row.batch_convention as TransformerConfig['batchConvention'],
      tokenSkip: bools(row.token_skip!),
      headSkip: bools(row.head_skip!),
      layerSkip: bools(row.layer_skip!),
    },
  }));
}

/** The numeric columns every value row is compared on, with the prediction field that answers each. */
export const VALUE_COLUMNS = [
  ['latency_s', 'latencyS'],
  ['static_latency_s', 'staticLatencyS'],
  ['ratio', 'ratio'],
  ['stem_s', 'stemS'],
  ['pos_embed_s', 'posEmbedS'],
  ['blocks_s', 'blocksS'],
  ['tail_s', 'tailS'],
] as const;
