/**
 * The set worker's computations over core/maskset: reading a summary or building one from dumps,
 * turning it into the set view's overview, the mean-rates configuration and the per-image latency
 * spread per hardware preset. Plain functions, unit-tested in Node.
 */
import type { StudioConfig } from '../../../core/config/schema';
import { validateConfig } from '../../../core/config/validate';
import { readMaskDump } from '../../../core/maskfile/read';
import {
  applyMeanRatesToConfig,
  blockColumn,
  createMaskSetBuilder,
  imageFlopsRatios,
  maskSetLatency,
  readMaskSetSummary,
  type MaskSetBlock,
  type MaskSetSummary,
} from '../../../core/maskset';
import { createPredictor, HARDWARE_PRESETS, resolveHardware } from '../../../core/predictor';
import { buildOverview, type SetTable, type SetTableBlock } from '../set/overview';
import type { HardwareSpread, LatencySpread, MeanMap, SetOverview } from '../set/types';

type Failure = { ok: false; error: string };

/** A set held by the worker: the summary (per-image columns) and the overview sent to the page. */
export interface LoadedSet {
  summary: MaskSetSummary;
  overview: SetOverview;
}

/** Bins of each per-image latency histogram. */
const SPREAD_BINS = 24;

/** The block's mean map averaged over its mask channel groups (h × w); null without a spatial grid. */
export function displayMap(block: MaskSetBlock): MeanMap | null {
  const shape = block.gridShape;
  const map = block.meanMap;
  if (!shape || !map || block.mode === 'layer') return null;
  const [g, h, w] = shape;
  const values = new Float32Array(h * w);
  for (let k = 0; k < g; k++)
    for (let i = 0; i < h * w; i++) values[i] = (values[i] ?? 0) + (map[k * h * w + i] ?? 0) / g;
  return { width: w, height: h, values };
}

function column(
  summary: MaskSetSummary,
  kind: 'spatial' | 'conv1' | 'channel' | 'gate',
  b: MaskSetBlock,
) {
  const values = blockColumn(summary, kind, b.globalIndex);
  return values.some((v) => !Number.isNaN(v)) ? values : null;
}

function tableBlock(summary: MaskSetSummary, b: MaskSetBlock): SetTableBlock {
  const spatialMask = b.mode === 'spatial' || b.mode === 'spatial+channel';
  return {
    key: b.key,
    stage: b.stage,
    mode: b.mode,
    spatial: spatialMask ? column(summary, 'spatial', b) : null,
    conv1: spatialMask ? column(summary, 'conv1', b) : null,
    channel:
      b.mode === 'channel' || b.mode === 'spatial+channel' ? column(summary, 'channel', b) : null,
    gate: b.mode === 'layer' ? column(summary, 'gate', b) : null,
    meanMap: displayMap(b),
  };
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const EXTENSIONS = [
  '.laudmask.npz',
  '.npz',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.bmp',
  '.tif',
  '.tiff',
];
/** A file name without its image or dump extension. */
function stem(name: string): string {
  const lower = name.toLowerCase();
  const ext = EXTENSIONS.find((e) => lower.endsWith(e));
  return ext ? name.slice(0, name.length - ext.length) : name;
}

/**
 * Where each image's dump is among the listed files: the summary's relative path when listed, else a
 * listed file of the same name when exactly one has it (picked files lose their folders); else null.
 */
export function locateDumps(
  dumps: readonly string[],
  listed: readonly string[],
): Array<string | null> {
  if (listed.length === 0) return dumps.map(() => null);
  const exact = new Set(listed);
  const byName = new Map<string, string | null>();
  for (const path of listed) {
    const name = baseName(path);
    byName.set(name, byName.has(name) ? null : path);
  }
  return dumps.map((d) => {
    if (!d) return null;
    const clean = d.replace(/^\.\//, '');
    if (exact.has(clean)) return clean;
    return byName.get(baseName(clean)) ?? null;
  });
}

/** The set view's overview of a summary. */
function overviewOf(
  name: string,
  summary: MaskSetSummary,
  origin: 'summary' | 'dumps',
  listed: readonly string[],
): SetOverview {
  const names = Array.from({ length: summary.images }, (_, i) => {
    const source = summary.sources[i] || summary.dumps[i] || '';
    return source ? stem(baseName(source)) : `image ${i + 1}`;
  });
  const table: SetTable = {
    name,
    archId: summary.arch.id,
    archLabel: summary.arch.label,
    origin,
    images: summary.images,
    blocks: summary.blocks.map((b) => tableBlock(summary, b)),
    flopsRatio: Float32Array.from(imageFlopsRatios(summary)),
    names,
    labels: summary.label,
    classNames: summary.classNames,
    dumpPaths: locateDumps(summary.dumps, listed),
    warnings: summary.warnings,
  };
  return buildOverview(table);
}

/** Reads a `summary.npz`; `listed` are the folder's dump paths (for lazy per-image loading). */
export function readSummary(
  name: string,
  bytes: Uint8Array,
  listed: readonly string[],
): { ok: true; set: LoadedSet } | Failure {
  const result = readMaskSetSummary(bytes);
  if (!result.ok) return { ok: false, error: result.error };
  if (result.summary.images === 0) return { ok: false, error: 'the summary holds no image.' };
  const summary = result.summary;
  return { ok: true, set: { summary, overview: overviewOf(name, summary, 'summary', listed) } };
}

export interface DumpBuilder {
  /** Adds one dump; a readable problem when it cannot be used. */
  add(path: string, bytes: Uint8Array): string | null;
  finish(): { ok: true; set: LoadedSet } | Failure;
}

/** Builds a set from per-image dumps; a dump's first folder is its class (ImageFolder layout). */
export function createDumpBuilder(name: string): DumpBuilder {
  const builder = createMaskSetBuilder();
  const paths: string[] = [];
  return {
    add(path, bytes) {
      const read = readMaskDump(bytes);
      if (!read.ok) return read.error;
      const parts = path.split('/');
      const className = parts.length > 1 ? (parts[0] ?? null) : null;
      const problem = builder.add(path, read.dump, className);
      if (problem === null) paths.push(path);
      return problem;
    },
    finish() {
      const summary = builder.finish();
      if (!summary || summary.images === 0) {
        return { ok: false, error: 'none of the dumps could be read.' };
      }
      return { ok: true, set: { summary, overview: overviewOf(name, summary, 'dumps', paths) } };
    },
  };
}

/** "Use the set's rates": the configuration with the set's model, modes and mean rates. */
export function meanRatesConfigOf(
  set: LoadedSet,
  config: StudioConfig,
): { ok: true; config: StudioConfig } | Failure {
  const next = applyMeanRatesToConfig(config, set.summary);
  const problems = validateConfig(next);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  return { ok: true, config: next };
}

/** Histogram of finite `values` over [min, max] in `bins` bins. */
export function histogram(
  values: Float64Array,
  bins: number,
): { edges: number[]; counts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return { edges: [], counts: [] };
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.max(Math.abs(lo) * 0.01, 1e-9);
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const k = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { edges, counts };
}

/**
 * Per hardware preset, each image's predicted latency at its own rates, in seconds per image (the
 * preset's batch latency ÷ its batch size, as the hardware comparison shows).
 */
export function spreadOf(setId: number, set: LoadedSet): LatencySpread {
  const hardware: HardwareSpread[] = HARDWARE_PRESETS.map((preset) => {
    const result = maskSetLatency(set.summary, createPredictor(resolveHardware(preset.id)));
    const batch = Math.max(1, result.prediction.batchSize);
    const perImage = result.perImage.map((v) => v / batch);
    const { edges, counts } = histogram(perImage, SPREAD_BINS);
    const q = result.perImageLatencyS;
    return {
      id: preset.id,
      label: preset.label.replace(/\s*\(not validated[^)]*\)$/, ''),
      validated: preset.validated,
      meanRatesLatencyS: result.latencyS / batch,
      staticLatencyS: result.staticLatencyS / batch,
      p10: (q?.p10 ?? NaN) / batch,
      p50: (q?.p50 ?? NaN) / batch,
      p90: (q?.p90 ?? NaN) / batch,
      edges,
      counts,
      images: q?.count ?? 0,
    };
  });
  return { setId, hardware };
}
