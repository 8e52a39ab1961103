/**
 * `laudnet export`: a configuration as the reference training script's flags, as configuration JSON, or as a
 * latency report (CSV, JSON, Markdown). `--flags LINE` imports a flag line instead of reading a file.
 */
import { resolveArchitecture, serializeConfig, type StudioConfig } from '../../core/config';
import {
  buildLatencyReport,
  exportTrainingFlags,
  parseTrainingFlags,
  reportToCsv,
  reportToJson,
  reportToMarkdown,
} from '../../core/export';
import { stringFlag, type FlagSpecs } from '../args';
import { defineCommand } from '../command';
import { CliError } from '../errors';
import { CONFIG_FLAGS, configFromArgs } from './flops';
import { TRANSFORMER_FLAGS, checkFlagFamily, isTransformerModel } from '../transformer';
import { runTransformerExport } from '../transformerExport';

const FORMATS = ['train-flags', 'json', 'csv', 'md', 'report-json'] as const;
type Format = (typeof FORMATS)[number];

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAGS,
  format: {
    type: 'string',
    value: 'FORMAT',
    description: `${FORMATS.join(' | ')} (json = the configuration file, report-json = the latency report)`,
  },
  flags: {
    type: 'string',
    value: 'LINE',
    description:
      'import a training flag line, written --flags="…", instead of --config (with --config: fills the rest)',
  },
  ...TRANSFORMER_FLAGS,
};

const USAGE = `Usage:
  laudnet export --config cfg.json --format train-flags|json|csv|md|report-json
  laudnet export --flags="--arch uni_resnet50 --dyn_mode spatial-spatial-spatial-spatial …" --format json

train-flags prints one line for the reference training script (warnings, e.g. static stages, go to stderr);
it refuses (exit 2) a configuration the reference code cannot train: RegNet in layer mode, or a channel
group size G that does not divide the bottleneck width;
json prints the configuration file; csv, md and report-json print the latency report (per block: mode, S/G,
rate, FLOPs, static and dynamic latency, compute and memory parts) on the configuration's hardware.

  laudnet export --model t2t_vit_19 --hardware v100 --mode token --token-rate 0.5 --format json

For a T2T-ViT only json exists (the studio's laudnet-studio-transformer-config document): there are no
reference training flags for the transformer (LAUD-T2T-ViT trains with AdaViT's code, outside the LAUDNet
reference repository).`;

/** Warns when the user gave an S for a layer stage: the flag line carries the stage resolution instead. */
function layerGranularityWarnings(config: StudioConfig, givenS: boolean): string[] {
  if (!givenS) return [];
  const arch = resolveArchitecture(config);
  return config.stages.flatMap((s, i) => {
    const res = arch.stages[i]?.outResolution;
    return s.mode === 'layer' && s.spatialGranularity !== res
      ? [
          `stage ${i + 1} is in layer mode: --mask_spatial_granularity carries its resolution ${res}, not S = ${s.spatialGranularity}`,
        ]
      : [];
  });
}

function render(
  config: StudioConfig,
  format: Format,
  warn: (w: string) => void,
  givenS: boolean,
): string {
  switch (format) {
    case 'train-flags': {
      const out = exportTrainingFlags(config);
      if (out.notTrainable.length > 0) {
        throw new CliError(
          `cannot write training flags:\n${out.notTrainable.map((p) => p.message).join('\n')}`,
        );
      }
      [...layerGranularityWarnings(config, givenS), ...out.warnings].forEach(warn);
      return `${out.line}\n`;
    }
    case 'json':
      return serializeConfig(config);
    case 'csv':
      return reportToCsv(buildLatencyReport(config));
    case 'md':
      return reportToMarkdown(buildLatencyReport(config));
    case 'report-json':
      return reportToJson(buildLatencyReport(config));
  }
}

export const exportCommand = defineCommand({
  name: 'export',
  usage: USAGE,
  flags: FLAGS,
  run(args, io) {
    const format = stringFlag(args, 'format');
    if (format === undefined || !(FORMATS as readonly string[]).includes(format)) {
      throw new CliError(
        `${format === undefined ? 'missing --format' : `unknown format '${format}'`} (valid: ${FORMATS.join(', ')})`,
      );
    }
    const transformer = isTransformerModel(stringFlag(args, 'model'));
    checkFlagFamily(args, transformer, [
      'config',
      'flags',
      'arch-file',
      'granularity',
      'channel-granularity',
      'rate',
    ]);
    if (transformer) return runTransformerExport(args, io, format);
    const warn = (w: string) => io.err(`warning: ${w}\n`);
    const line = stringFlag(args, 'flags');
    let config: StudioConfig;
    if (line !== undefined) {
      const base = stringFlag(args, 'config') !== undefined ? configFromArgs(args, io) : undefined;
      const imported = parseTrainingFlags(line, base);
      if (!imported.ok) throw new CliError(`cannot import --flags:\n${imported.error}`);
      imported.warnings.forEach(warn);
      config = imported.config;
    } else {
      config = configFromArgs(args, io);
    }
    const givenS = stringFlag(args, 'granularity') !== undefined;
    io.out(render(config, format as Format, warn, givenS));
    return 0;
  },
});
