/**
 * `laudnet masks summary FILE... [--json]`: per dump its model, stage modes, granularities and per-block
 * rates (from `dumpBlockRates`, the rows the app's filmstrip shows). A file that cannot be read gets one
 * message and the others are still processed; the exit status is 2 when any file was bad.
 */
import { readFileSync } from 'node:fs';
import type { BlockRateRow, MaskDump } from '../../../core/maskfile';
import { dumpBlockRates, hasChannelMask, readMaskDump } from '../../../core/maskfile';
import {} from '../../args';
import type { FlagSpecs } from '../../args';
import { defineCommand } from '../../command';
import { CliError } from '../../errors';
import { table } from '../../format';

const FLAGS: FlagSpecs = {
  json: {
    type: 'boolean',
    description:
      'one JSON line per file: {file, model, modes, granularity, blocks} or {file, error}',
  },
};

const USAGE = `Usage:
  laudnet masks summary FILE... [--json]

Reads each .laudmask.npz dump and prints its model, stage modes, granularities (S per stage, the stage
resolution for layer stages; G where stages skip channels) and per block the spatial rate (the gate in
layer mode), the conv1 and conv2 mask densities, the channel rate and the layer gate, computed from the
arrays. Rates that do not apply are null. Bad files get one message each; the others are still printed,
and the exit status is 2.`;

/** The `--json` line of one readable dump (field names fixed for scripts; fields may be added). */
interface DumpSummaryJson {
  file: string;
  /** Architecture id (`resnet50`). */
  model: string;
  archLabel: string;
  /** Per stage, the app's names (`spatial+channel` for the reference script's `both`). */
  modes: string[];
  granularity: { spatial: (number | null)[]; channel: (number | null)[] };
  weights: string | null;
  blocks: BlockRateRow[];
  warnings: string[];
}

/** The summary of a dump, as printed by `--json`. */
function dumpSummaryJson(file: string, dump: MaskDump): DumpSummaryJson {
  return {
    file,
    model: dump.arch.id,
    archLabel: dump.arch.label,
    modes: [...dump.modes],
    granularity: {
      spatial: dump.modes.map((m, s) =>
        m === 'channel' ? null : (dump.spatialGranularity[s] ?? null),
      ),
      channel: dump.modes.map((m, s) =>
        hasChannelMask(m) ? (dump.channelGroupSize[s] ?? null) : null,
      ),
    },
    weights: dump.weightsText,
    blocks: dumpBlockRates(dump),
    warnings: [...dump.warnings],
  };
}

const fixed = (v: number | null) => (v === null ? '' : v.toFixed(4));
const dashes = (list: readonly (number | null)[]) => list.map((v) => v ?? '–').join('-');

/** 1-based stage number of a `stage{s}/{b}` key. */
const stageOf = (key: string) => Number(/^stage(\d+)\//.exec(key)?.[1] ?? 0);

function formatSummary(s: DumpSummaryJson): string {
  const rows = s.blocks.map((b) => [
    b.key,
    s.modes[stageOf(b.key) - 1] ?? '',
    fixed(b.spatialRate),
    fixed(b.conv1Rate),
    fixed(b.conv2Rate),
    fixed(b.channelRate),
    b.gate === null ? '' : String(b.gate),
  ]);
  const weights = s.weights ? `, weights "${s.weights}"` : '';
  const header = `${s.file}: ${s.archLabel}, modes ${s.modes.join(' ')}, S ${dashes(s.granularity.spatial)}, G ${dashes(s.granularity.channel)}${weights}`;
  const body = table(['block', 'mode', 'spatial', 'conv1', 'conv2', 'channel', 'gate'], rows);
  const notes = s.warnings.map((w) => `note: ${w}`);
  return [header, body, ...notes].join('\n');
}

/** Reads one file; a message (naming the file) instead of a throw. */
function readDump(file: string): { ok: true; dump: MaskDump } | { ok: false; error: string } {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    const code =
      e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    return { ok: false, error: `cannot read '${file}' (${code})` };
  }
  const r = readMaskDump(bytes);
  return r.ok ? r : { ok: false, error: r.error };
}

export const summaryCommand = defineCommand({
  name: 'summary',
  usage: USAGE,
  flags: FLAGS,
  positionals: 'any',
  run(args, io) {
    if (args.positionals.length === 0)
      throw new CliError('expected one or more .laudmask.npz files (FILE...)');
    const json = args.values.json === true;
    let bad = 0;
    for (const [i, file] of args.positionals.entries()) {
      const r = readDump(file);
      if (!r.ok) {
        bad++;
        if (json) io.out(`${JSON.stringify({ file, error: r.error })}\n`);
        else io.err(`laudnet masks summary: ${file}: ${r.error}\n`);
        continue;
      }
      const summary = dumpSummaryJson(file, r.dump);
      if (json) io.out(`${JSON.stringify(summary)}\n`);
      else io.out(`${i > 0 ? '\n' : ''}${formatSummary(summary)}\n`);
    }
    return bad > 0 ? 2 : 0;
  },
});
