/** `laudnet masks predict DIR|SUMMARY --hardware H`: latency of the masks a model really makes on a set. */
import { maskSetLatency, maskSetMeanRates, meanRatesRequest } from '../../../core/maskset';
import { type FlagSpecs } from '../../args';
import { defineCommand } from '../../command';
import { CliError } from '../../errors';
import { MODEL_HARDWARE_FLAGS, resolveHardwareFlags } from '../../resolve';
import { loadMaskSet } from './set-source';
import { reportProblems } from './stats';

const HARDWARE_FLAGS = ['hardware', 'hardware-file', 'mem-concurrent-fp32', 'batch-size'];

const FLAGS: FlagSpecs = {
  ...Object.fromEntries(
    Object.entries(MODEL_HARDWARE_FLAGS).filter(([name]) => HARDWARE_FLAGS.includes(name)),
  ),
  json: { type: 'boolean', description: 'print one JSON object instead of text' },
};

const USAGE = `Usage:
  laudnet masks predict DIR|SUMMARY --hardware v100 [--json]

Predicted latency of the model on the device with every block at the set's mean rates (spatial rate,
layer keep probability, channel rate, and the channel rate of spatial+channel blocks), the static latency,
and the spread over images: each image predicted at its own per-block rates (p10 / p50 / p90).
Latencies are per batch of the device's batch size, in seconds. DIR is the exporter's output folder (its
summary.npz, or else every .laudmask.npz below it). Unreadable dumps are reported on stderr, the others
used, and the exit status is then 2.`;

export const masksPredictCommand = defineCommand({
  name: 'predict',
  usage: USAGE,
  flags: FLAGS,
  positionals: 'any',
  run(args, io) {
    if (args.positionals.length !== 1)
      throw new CliError(`expected one DIR or SUMMARY, got ${args.positionals.length} arguments`);
    const hw = resolveHardwareFlags(args, io);
    const set = loadMaskSet(args.positionals[0]!);
    const summary = set.summary;
    if (summary.images === 0) throw new CliError(`'${set.source}' holds no images`);
    const means = maskSetMeanRates(summary);
    const request = meanRatesRequest(summary, means);
    const result = maskSetLatency(summary, hw.params);
    const spread = result.perImageLatencyS;
    const pred = result.prediction;
    const out = {
      model: summary.arch.id,
      hardware: { id: hw.id, label: hw.label, validated: hw.validated },
      images: summary.images,
      latencyS: result.latencyS,
      staticLatencyS: result.staticLatencyS,
      ratio: pred.ratio,
      batchSize: pred.batchSize,
      latencyMsPerImage: pred.latencyMsPerImage,
      staticMsPerImage: pred.staticMsPerImage,
      perImageLatencyS: spread && {
        mean: spread.mean,
        p10: spread.p10,
        p50: spread.p50,
        p90: spread.p90,
      },
      modes: request.modes,
      granularity: request.granularity,
      channelGranularity: request.channelGranularity,
      blocks: summary.blocks.map((b) => ({
        key: b.key,
        rate: request.rates[b.stage]![b.index]!,
        channelRate: request.channelRates ? request.channelRates[b.stage]![b.index]! : null,
        latencyS: pred.blocks[b.globalIndex]!.latencyS,
      })),
      warnings: summary.warnings,
    };
    if (args.values.json) io.out(`${JSON.stringify(out)}\n`);
    else {
      const ms = (s: number) => `${((s / pred.batchSize) * 1000).toFixed(3)} ms`;
      io.out(
        [
          `${summary.arch.label} on ${hw.label} (batch ${pred.batchSize}), ${summary.images} images from ${set.source}`,
          ...summary.warnings,
          `At the set's mean rates: ${ms(result.latencyS)} per image (static ${ms(result.staticLatencyS)}, ratio ${pred.ratio.toFixed(3)})`,
          spread
            ? `Per image, each at its own rates: p10 ${ms(spread.p10)}, p50 ${ms(spread.p50)}, p90 ${ms(spread.p90)}`
            : 'Per image: no image has every rate',
        ].join('\n') + '\n',
      );
    }
    return reportProblems(set.problems, io, 'predict');
  },
});
