/** `laudnet masks stats DIR|SUMMARY`: per block the distribution of every rate over an image set. */
import type { MaskSetSummary, Quantiles } from '../../../core/maskset';
import { imageFlopsRatios, maskSetBlockStats, quantiles } from '../../../core/maskset';
import { type FlagSpecs } from '../../args';
import { defineCommand } from '../../command';
import { CliError } from '../../errors';
import type { CliIo } from '../../io';
import { loadMaskSet } from './set-source';

const FLAGS: FlagSpecs = {
  json: { type: 'boolean', description: 'print one JSON object instead of a table' },
};

const USAGE = `Usage:
  laudnet masks stats DIR|SUMMARY [--json]

Per block of the network, the mean and the 10th/50th/90th percentiles over the images of the spatial,
conv1, conv2 and channel rates and of the layer gates, and each image's FLOPs ratio from its own masks.
DIR is the exporter's output folder (its summary.npz, or else every .laudmask.npz below it); SUMMARY a
summary.npz. Dumps that cannot be read are reported one per line on stderr, the others are used, and the
exit status is then 2.`;

function q(v: Quantiles | null) {
  return v && { mean: v.mean, p10: v.p10, p50: v.p50, p90: v.p90, count: v.count };
}

/** The JSON of `masks stats` (fixed fields: images, blocks[].key and the per-rate quantiles). */
export function maskSetStatsJson(summary: MaskSetSummary) {
  const stats = maskSetBlockStats(summary);
  return {
    images: summary.images,
    model: summary.arch.id,
    modes: summary.modes,
    classes: summary.classNames,
    weights: summary.model.weights,
    flopsRatio: q(quantiles(imageFlopsRatios(summary))),
    blocks: stats.map((s, i) => ({
      key: s.key,
      mode: summary.blocks[i]!.mode,
      spatialRate: q(s.spatialRate),
      conv1Rate: q(s.conv1Rate),
      conv2Rate: q(s.conv2Rate),
      channelRate: q(s.channelRate),
      gate: q(s.gate),
    })),
    warnings: summary.warnings,
  };
}

function cell(v: Quantiles | null): string {
  return v ? `${v.mean.toFixed(3)} (${v.p10.toFixed(2)}–${v.p90.toFixed(2)})` : '—';
}

function table(summary: MaskSetSummary, source: string): string {
  const json = maskSetStatsJson(summary);
  const header = ['block', 'mode', 'spatial', 'conv1', 'conv2', 'channel', 'gate'];
  const rows = json.blocks.map((b) => [
    b.key,
    b.mode,
    cell(b.spatialRate),
    cell(b.conv1Rate),
    cell(b.conv2Rate),
    cell(b.channelRate),
    cell(b.gate),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => v.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const flops = json.flopsRatio;
  return [
    `${summary.arch.label}, ${summary.images} images from ${source}: mean rate per block (p10–p90 over images)`,
    ...summary.warnings,
    '',
    line(header),
    ...rows.map(line),
    '',
    flops
      ? `FLOPs ratio per image: mean ${flops.mean.toFixed(3)}, p10 ${flops.p10.toFixed(3)}, p50 ${flops.p50.toFixed(3)}, p90 ${flops.p90.toFixed(3)}`
      : 'FLOPs ratio per image: no image has every rate',
  ].join('\n');
}

/** Prints the per-file problems; returns the exit status. */
export function reportProblems(problems: readonly string[], io: CliIo, command: string): number {
  for (const p of problems) io.err(`laudnet masks ${command}: ${p}\n`);
  return problems.length > 0 ? 2 : 0;
}

export const masksStatsCommand = defineCommand({
  name: 'stats',
  usage: USAGE,
  flags: FLAGS,
  positionals: 'any',
  run(args, io) {
    if (args.positionals.length !== 1)
      throw new CliError(`expected one DIR or SUMMARY, got ${args.positionals.length} arguments`);
    const set = loadMaskSet(args.positionals[0]!);
    io.out(
      args.values.json
        ? `${JSON.stringify(maskSetStatsJson(set.summary))}\n`
        : `${table(set.summary, set.source)}\n`,
    );
    return reportProblems(set.problems, io, 'stats');
  },
});
