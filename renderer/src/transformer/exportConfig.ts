/**
 * The transformer configuration as the studio's JSON — the keys `predict --input` accepts (issue 18):
 * model, hardware, mode, the four rates (a number when every block has the same, else a dash-joined
 * per-block list, block 0 first), batchConvention, and the per-block switches as dash-joined 0/1.
 */
import type { StudioConfig } from '../../../core/config/schema';
import { toCoreConfig, uniformRate, type TfUiConfig } from './tfConfig';

/** Why there are no training flags next to the export (issue 18). */
export const NO_TRAINING_FLAGS_NOTE =
  'There are no reference training flags for the transformer: the training code is AdaViT’s, outside the LAUDNet reference repository.';

function rateValue(xs: readonly number[]): number | string {
  const u = uniformRate(xs);
  return u !== null ? u : xs.join('-');
}

/** The hardware as `predict --input` names it: a preset id, or the custom parameters. */
function hardwareValue(hardware: StudioConfig['hardware']): unknown {
  if (hardware.kind === 'custom') return hardware.params;
  return Object.keys(hardware.overrides).length === 0
    ? hardware.id
    : { preset: hardware.id, ...hardware.overrides };
}

/** The JSON object of the configuration (the rates a switched-off paradigm parks are written as 1). */
export function transformerConfigJson(
  tf: TfUiConfig,
  hardware: StudioConfig['hardware'],
): Record<string, unknown> {
  const core = toCoreConfig(tf);
  return {
    model: core.model,
    hardware: hardwareValue(hardware),
    mode: core.mode,
    tokenRate: rateValue(core.tokenRate),
    headRate: rateValue(core.headRate),
    attnRate: rateValue(core.attnRate),
    mlpRate: rateValue(core.mlpRate),
    batchConvention: core.batchConvention,
  };
}

export function transformerConfigText(tf: TfUiConfig, hardware: StudioConfig['hardware']): string {
  return `${JSON.stringify(transformerConfigJson(tf, hardware), null, 2)}\n`;
}
