/**
 * Semantic checks of a configuration against its architecture and hardware: what the schema cannot see.
 * Every message starts with the field path and lists the valid values.
 */
import { architectureProblems } from '../arch/json';
import { BUILTIN_ARCHITECTURE_IDS } from '../arch';
import { HARDWARE_PRESET_IDS, resolveHardware } from '../predictor/hardware';
import {
  architectureAtInputSize,
  baseArchitecture,
  configInputSize,
  isOffNativeSize,
  stageInnerWidth,
  validChannelGroupSizes,
} from './resolve';
import { exactGranularities, formatInputSize, stageOutputSize } from '../arch/inputSize';
import type { StudioConfig } from './schema';
import { capMessage } from './jsonSyntax';

/** Block-rate keys named one by one; the rest are counted. */
const MAX_BAD_KEYS_NAMED = 5;

function hardwareProblems(config: StudioConfig): string[] {
  const hw = config.hardware;
  if (hw.kind === 'preset' && !HARDWARE_PRESET_IDS.includes(hw.id)) {
    return [
      `hardware.id: unknown preset '${capMessage(hw.id, 60)}' (valid: ${HARDWARE_PRESET_IDS.join(', ')})`,
    ];
  }
  try {
    if (hw.kind === 'preset') resolveHardware(hw.id, hw.overrides);
    else resolveHardware(hw.params);
  } catch (e) {
    const where = hw.kind === 'preset' ? 'hardware.overrides' : 'hardware.params';
    return [capMessage(`${where}: ${e instanceof Error ? e.message : String(e)}`, 1000)];
  }
  return [];
}

/**
 * Checks what the schema cannot: the model exists (or the custom architecture is consistent), the input
 * size fits it, one stage entry per stage, S divides the stage resolution, G is at most the inner width m,
 * block-rate keys name existing blocks, and the hardware resolves. Returns one message per problem
 * (empty when valid); never throws.
 */
export function validateConfig(config: StudioConfig): string[] {
  const problems: string[] = [...hardwareProblems(config)];
  const base = baseArchitecture(config);
  if (!base) {
    const id = config.model.kind === 'builtin' ? config.model.id : '';
    problems.push(
      `model.id: unknown model '${capMessage(id, 60)}' (valid: ${BUILTIN_ARCHITECTURE_IDS.join(', ')})`,
    );
    return problems;
  }
  if (config.model.kind === 'custom') {
    const archProblems = architectureProblems(base, 'model.architecture');
    if (archProblems.length > 0) return [...problems, ...archProblems];
  }
  const arch = architectureAtInputSize(base, configInputSize(config));
  const partialOk = isOffNativeSize(base, config);
  if (config.stages.length !== arch.stages.length) {
    problems.push(
      `stages: has ${config.stages.length} entries, ${arch.label} has ${arch.stages.length} stages`,
    );
  }
  config.stages.forEach((stage, i) => {
    const spec = arch.stages[i];
    const m = stageInnerWidth(arch, i);
    if (!spec || m === undefined) return;
    const out = stageOutputSize(arch, i);
    const sizes = exactGranularities(out);
    const S = stage.spatialGranularity;
    const longer = Math.max(out.height, out.width);
    if (partialOk ? S > longer : !sizes.includes(S)) {
      // Off the architecture's own size (detection inputs) S may leave partial border patches.
      const shown = out.height === out.width ? `${out.height}` : formatInputSize(out);
      problems.push(
        partialOk
          ? `stages[${i}].spatialGranularity: ${S} is larger than the stage map ${shown} ` +
              `(valid: 1 to ${longer}; whole patches: ${sizes.join(', ')})`
          : `stages[${i}].spatialGranularity: ${S} does not divide the stage resolution ` +
              `${shown} (valid: ${sizes.join(', ')})`,
      );
    }
    // G up to m keeps the latency and FLOPs models defined (at least one group); whether the reference
    // code can train it (G divides m) is a trainability question (trainability.ts), not validity.
    if (stage.channelGroupSize > m) {
      problems.push(
        `stages[${i}].channelGroupSize: ${stage.channelGroupSize} is larger than the inner width ${m} ` +
          `(valid: 1 to ${m}; trainable with the reference code: ${validChannelGroupSizes(m).join(', ')})`,
      );
    }
  });
  let badKeys = 0;
  for (const key of Object.keys(config.blockRates)) {
    const match = /^stage(\d+)\/(\d+)$/.exec(key);
    const s = match ? Number(match[1]) : NaN;
    const b = match ? Number(match[2]) : NaN;
    const spec = arch.stages[s - 1];
    const bad = !spec || !(b >= 0 && b < spec.blocks) || String(b) !== match?.[2];
    if (bad && ++badKeys > MAX_BAD_KEYS_NAMED) continue;
    const shown = `blockRates["${capMessage(key, 40)}"]`;
    if (!spec) {
      problems.push(`${shown}: no stage ${s} (valid stages: 1 to ${arch.stages.length})`);
    } else if (bad) {
      problems.push(`${shown}: no such block (valid: stage${s}/0 to stage${s}/${spec.blocks - 1})`);
    }
  }
  if (badKeys > MAX_BAD_KEYS_NAMED) {
    problems.push(`blockRates: and ${badKeys - MAX_BAD_KEYS_NAMED} more keys that name no block`);
  }
  return problems;
}
