import { exportTrainingFlags } from '../../../core/export/trainingFlags';
import type { StudioConfig } from '../../../core/config/schema';
import type { TrainingFlagsText } from './types';

/**
 * The training script's flag line for a configuration and what it cannot express (the analysis worker
 * sends it with each prediction; the sidebar computes it itself only before the first one). `known`:
 * the configuration's architecture and FLOPs when the caller has them (see `exportTrainingFlags`).
 */
export function trainingFlagsText(
  config: StudioConfig,
  known?: Parameters<typeof exportTrainingFlags>[1],
): TrainingFlagsText {
  try {
    const out = exportTrainingFlags(config, known);
    return {
      line: out.line,
      warnings: [...out.notTrainable.map((p) => p.message), ...out.warnings],
    };
  } catch (err) {
    return { line: '', warnings: [err instanceof Error ? err.message : String(err)] };
  }
}
