/**
 * The transformer configuration as the studio's JSON (core `laudnet-studio-transformer-config`, the keys
 * `predict --input` reads: a rate is a number when every block has the same, else a dash-joined list)
 * and back. The rates a mode switches off are written as 1, as the official code requires.
 */
import type { StudioConfig } from '../../../core/config/schema';
import {
  parseTransformerDocument,
  type TransformerRequest,
} from '../../../core/config/transformer';
import { exportTransformerConfig, type TransformerExport } from '../../../core/export/transformer';
import {
  hardwareOverridesSchema,
  resolveHardware,
  type HardwareParams,
} from '../../../core/predictor/hardware';
import { T2T_VARIANTS } from '../../../core/transformer';
import { modeSwitches, toCoreConfig, uniformRate, type TfUiConfig } from './tfConfig';

const compact = (xs: readonly number[]): number[] => {
  const u = uniformRate(xs);
  return u !== null ? [u] : xs.slice();
};

/** The request of the tuner's configuration on the studio's hardware (the mode sets the switches). */
export function transformerRequest(
  tf: TfUiConfig,
  hardware: StudioConfig['hardware'],
): TransformerRequest {
  const core = toCoreConfig(tf);
  const overrides = hardware.kind === 'preset' ? hardware.overrides : {};
  return {
    config: {
      model: core.model,
      mode: core.mode,
      batchConvention: core.batchConvention,
      tokenRate: compact(core.tokenRate),
      headRate: compact(core.headRate),
      attnRate: compact(core.attnRate),
      mlpRate: compact(core.mlpRate),
    },
    hardware: hardware.kind === 'preset' ? hardware.id : hardware.params,
    hardwareOverrides: Object.keys(overrides).length > 0 ? overrides : undefined,
  };
}

/** File name, JSON text and the no-training-flags note of the export. */
export function transformerExport(
  tf: TfUiConfig,
  hardware: StudioConfig['hardware'],
): TransformerExport {
  return exportTransformerConfig(transformerRequest(tf, hardware));
}

export interface OpenedTransformer {
  tf: TfUiConfig;
  hardware: StudioConfig['hardware'];
  /** What the tuner cannot show of the document (it still opens). */
  warnings: string[];
}

/**
 * Reads a transformer configuration document into the tuner. Never throws: a document the core refuses,
 * a per-block list of the wrong length or unknown hardware comes back as an error naming what was found.
 */
export function openTransformerDocument(
  text: string,
  fileName: string,
): { ok: true; value: OpenedTransformer } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const doc = parseTransformerDocument(json);
  if (!doc.ok) return doc;
  const { config, hardware, hardwareOverrides } = doc.value;
  const depth = T2T_VARIANTS[config.model].depth;
  const lists = { tokenRate: [], headRate: [], attnRate: [], mlpRate: [] } as Record<
    'tokenRate' | 'headRate' | 'attnRate' | 'mlpRate',
    number[]
  >;
  for (const key of Object.keys(lists) as Array<keyof typeof lists>) {
    const xs = config[key];
    if (xs.length !== 1 && xs.length !== depth)
      return {
        ok: false,
        error: `${key}: expected one rate or ${depth} (one per block of ${config.model}), found ${xs.length}`,
      };
    lists[key] = xs.length === 1 ? Array.from({ length: depth }, () => xs[0]!) : xs.slice();
  }
  let studioHardware: StudioConfig['hardware'];
  try {
    const overrides = hardwareOverridesSchema().parse(hardwareOverrides ?? {});
    if (typeof hardware === 'string') {
      resolveHardware(hardware, overrides);
      studioHardware = { kind: 'preset', id: hardware, overrides };
    } else {
      const params: HardwareParams = resolveHardware(
        hardware as Parameters<typeof resolveHardware>[0],
        overrides,
      );
      studioHardware = { kind: 'custom', label: `Hardware of ${fileName}`.slice(0, 120), params };
    }
  } catch (err) {
    return { ok: false, error: `hardware: ${err instanceof Error ? err.message : String(err)}` };
  }
  const warnings: string[] = [];
  const sw = modeSwitches(config.mode);
  const differs = (list: boolean[] | undefined, on: boolean) =>
    list !== undefined && list.some((x) => x !== on);
  if (
    differs(config.tokenSkip, sw.token) ||
    differs(config.headSkip, sw.head) ||
    differs(config.layerSkip, sw.layer)
  )
    warnings.push(
      `${fileName} switches skipping per block; the tuner shows the "${config.mode}" mode's switches in every block, so its latency can differ from the file's.`,
    );
  return {
    ok: true,
    value: {
      tf: {
        model: config.model,
        mode: config.mode,
        batchConvention: config.batchConvention,
        ...lists,
      },
      hardware: studioHardware,
      warnings,
    },
  };
}
