/**
 * Building a set summary from per-image dumps (a folder of `.laudmask.npz` without `summary.npz`): the
 * same structure the exporter writes, from dumps read by core/maskfile. Rows accumulate in growable
 * arrays and the mean maps as running sums, so no dump needs to stay in memory.
 */
import type { ArchitectureSpec } from '../arch';
import type { MaskDump } from '../maskfile/types';
import { setBlocks, setStageConfig, setWarnings } from './blocks';
import type { MaskSetBlock, MaskSetModel, MaskSetRateKind, MaskSetSummary } from './types';
import { MASKSET_RATE_KINDS } from './types';

/** Accumulates dumps of one model into a set summary. */
export interface MaskSetBuilder {
  /**
   * Adds one image's dump. `name` is the dump's path relative to the set's folder; `className` its
   * label's class (ImageFolder: the first-level folder), or null. Returns null when added, or a message
   * saying why the dump does not belong to the set (another model or configuration).
   */
  add(name: string, dump: MaskDump, className?: string | null): string | null;
  /** Images added so far. */
  readonly images: number;
  /** The summary of the dumps added (class indices follow the sorted class names); null when none was. */
  finish(): MaskSetSummary | null;
}

interface SetShape {
  arch: ArchitectureSpec;
  model: MaskSetModel;
  blocks: MaskSetBlock[];
  modes: MaskSetSummary['modes'];
  mapSums: (Float64Array | null)[];
  channelSums: (Float64Array | null)[];
}

function describeModel(d: MaskDump): string {
  return `${d.arch.id} ${d.referenceModes.join('-')} S ${d.spatialGranularity.join('-')} G ${d.channelGroupSize.join('-')}`;
}

/** A builder for a set summary; the first dump added fixes the model and configuration. */
export function createMaskSetBuilder(): MaskSetBuilder {
  let shape: SetShape | null = null;
  let first = '';
  const rows: Record<MaskSetRateKind, number[]> = {
    spatial: [],
    conv1: [],
    conv2: [],
    channel: [],
    gate: [],
  };
  const predicted: number[] = [];
  const classes: (string | null)[] = [];
  const dumps: string[] = [];
  const sources: string[] = [];

  function start(dump: MaskDump): SetShape | string {
    const config = setStageConfig(dump.arch, {
      dyn_mode: dump.referenceModes,
      mask_spatial_granularity: dump.spatialGranularity,
      channel_dyn_granularity: dump.channelGroupSize,
      spatial_mask_channel_group: dump.spatialMaskChannelGroup,
    });
    if (!config.ok) return `its configuration does not fit ${dump.arch.label}: ${config.error}`;
    const blocks = setBlocks(dump.arch, config.config);
    dump.blocks.forEach((b, i) => {
      if (blocks[i]) blocks[i].module = b.module;
    });
    return {
      arch: dump.arch,
      model: {
        arch: dump.manifest.model.arch,
        dynMode: [...config.config.modes],
        spatialGranularity: [...config.config.spatialGranularity],
        channelGroupSize: [...config.config.channelGroupSize],
        spatialMaskChannelGroup: [...config.config.spatialMaskChannelGroup],
        checkpoint: dump.checkpoint,
        weights: dump.weights,
      },
      blocks,
      modes: config.appModes,
      mapSums: blocks.map((b) =>
        b.gridShape ? new Float64Array(b.gridShape[0] * b.gridShape[1] * b.gridShape[2]) : null,
      ),
      channelSums: blocks.map((b) =>
        b.channelGroups !== null ? new Float64Array(b.channelGroups) : null,
      ),
    };
  }

  function add(name: string, dump: MaskDump, className: string | null = null): string | null {
    if (!shape) {
      const made = start(dump);
      if (typeof made === 'string') return made;
      shape = made;
      first = describeModel(dump);
    } else if (describeModel(dump) !== first) {
      return `it was made with ${describeModel(dump)}; the set with ${first}`;
    }
    const s = shape;
    if (dump.blocks.length !== s.blocks.length)
      return `it has ${dump.blocks.length} blocks; the set has ${s.blocks.length}`;
    dump.blocks.forEach((b, i) => {
      const block = s.blocks[i]!;
      const nan = (v: number | null) => v ?? Number.NaN;
      rows.spatial.push(nan(b.rates.spatial));
      rows.conv1.push(nan(b.rates.conv1));
      rows.conv2.push(nan(b.rates.conv2));
      rows.channel.push(nan(b.rates.channel));
      rows.gate.push(block.mode === 'layer' ? nan(b.rates.spatial) : Number.NaN);
      const map = s.mapSums[i];
      if (map && b.grid)
        for (let k = 0; k < map.length; k++) map[k] = map[k]! + (b.grid.data[k] ?? 0);
      const ch = s.channelSums[i];
      if (ch && b.channel) for (let k = 0; k < ch.length; k++) ch[k] = ch[k]! + (b.channel[k] ?? 0);
    });
    const prediction = (dump.manifest as { prediction?: { top5_index?: readonly number[] } })
      .prediction;
    predicted.push(prediction?.top5_index?.[0] ?? -1);
    classes.push(className);
    dumps.push(name);
    const input = (dump.manifest as { input?: { file?: string } }).input;
    sources.push(input?.file ?? '');
    return null;
  }

  function finish(): MaskSetSummary | null {
    if (!shape) return null;
    const N = dumps.length;
    const classNames = [...new Set(classes.filter((c): c is string => c !== null))].sort();
    const index = new Map(classNames.map((c, i) => [c, i]));
    const blocks = shape.blocks.map((b, i) => {
      const map = shape!.mapSums[i];
      const ch = shape!.channelSums[i];
      return {
        ...b,
        meanMap: map && N > 0 ? Float32Array.from(map, (v) => v / N) : null,
        meanChannel: ch && N > 0 ? Float32Array.from(ch, (v) => v / N) : null,
      };
    });
    const rates = {} as MaskSetSummary['rates'];
    for (const kind of MASKSET_RATE_KINDS) rates[kind] = Float32Array.from(rows[kind]);
    const summary: MaskSetSummary = {
      model: shape.model,
      arch: shape.arch,
      modes: shape.modes,
      images: N,
      blocks,
      rates,
      predicted: Int32Array.from(predicted),
      label: Int32Array.from(classes, (c) => (c === null ? -1 : (index.get(c) ?? -1))),
      classNames,
      dumps: [...dumps],
      sources: [...sources],
      warnings: [],
    };
    summary.warnings = setWarnings(summary);
    return summary;
  }

  return {
    add,
    get images() {
      return dumps.length;
    },
    finish,
  };
}
