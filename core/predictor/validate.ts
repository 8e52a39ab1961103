/** Validation of network requests, with messages that name the valid values. */
import type { ArchitectureSpec } from '../arch';
import { exactGranularities } from '../arch/inputSize';
import { STAGE_MODES, type NetworkRequest, type StageMode } from './types';

/** Options of {@link checkNetworkRequest}. */
export interface CheckOptions {
  /**
   * Require each spatial granularity to divide its stage's output size. The model itself handles partial
   * patches (⌈h/g⌉), so the predictor does not require it; the CLI and UI do unless asked otherwise.
   */
  requireDivisibleGranularity?: boolean;
}

const isMode = (m: unknown): m is StageMode =>
  typeof m === 'string' && (STAGE_MODES as readonly string[]).includes(m);

/** Stage labels are 1-based in messages, as on screen and in the CLI. */
const stageName = (i: number): string => `stage ${i + 1}`;

function checkRates(
  problems: string[],
  what: string,
  rates: unknown,
  arch: ArchitectureSpec,
  i: number,
): void {
  const blocks = arch.stages[i]!.blocks;
  if (!Array.isArray(rates)) {
    problems.push(`${what} of ${stageName(i)}: expected a list of ${blocks} per-block values`);
    return;
  }
  if (rates.length !== blocks) {
    problems.push(
      `${what} of ${stageName(i)}: expected ${blocks} per-block values (one per block), got ${rates.length}`,
    );
  }
  rates.forEach((r: unknown, j) => {
    if (typeof r !== 'number' || !(r >= 0 && r <= 1)) {
      problems.push(`${what} of ${stageName(i)} block ${j}: ${String(r)} is outside [0, 1]`);
    }
  });
}

/** Lists every problem of a request (empty when it can be evaluated). */
export function checkNetworkRequest(req: NetworkRequest, opts: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const n = req.arch.stages.length;
  const lists = [
    ['modes', req.modes],
    ['granularity', req.granularity],
    ['channelGranularity', req.channelGranularity],
    ['rates', req.rates],
  ] as const;
  for (const [name, list] of lists) {
    if (!Array.isArray(list) || list.length !== n) {
      problems.push(
        `${name}: expected one entry per stage (${n} stages), got ${Array.isArray(list) ? list.length : typeof list}`,
      );
    }
  }
  if (problems.length > 0) return problems;
  req.arch.stages.forEach((stage, i) => {
    const mode = req.modes[i];
    if (!isMode(mode)) {
      problems.push(
        `mode of ${stageName(i)}: '${String(mode)}' is not one of ${STAGE_MODES.join(', ')}`,
      );
      return;
    }
    if (mode === 'static') return;
    checkRates(problems, 'rates', req.rates[i], req.arch, i);
    if (mode === 'spatial+channel') {
      checkRates(problems, 'channel rates', req.channelRates?.[i], req.arch, i);
    }
    const g = req.granularity[i]!;
    if (mode !== 'layer') {
      // Divisors are for messages only: built lazily (this runs on every evaluation).
      const width = stage.outWidth ?? stage.outResolution;
      const valid = (): number[] => exactGranularities({ height: stage.outResolution, width });
      if (!Number.isInteger(g) || g < 1) {
        problems.push(
          `granularity of ${stageName(i)}: ${g} is not a positive integer (valid: ${valid().join(', ')})`,
        );
      } else if (
        opts.requireDivisibleGranularity &&
        (stage.outResolution % g !== 0 || width % g !== 0)
      ) {
        const size = width === stage.outResolution ? `${width}` : `${stage.outResolution}×${width}`;
        problems.push(
          `granularity of ${stageName(i)}: ${g} does not divide the feature size ${size} (valid: ${valid().join(', ')})`,
        );
      }
    }
    if (mode === 'channel' || mode === 'spatial+channel') {
      const gc = req.channelGranularity[i]!;
      const cin = Math.min(stage.inChannels, stage.outChannels);
      if (!Number.isInteger(gc) || gc < 1 || gc > cin) {
        problems.push(
          `channel granularity of ${stageName(i)}: ${gc} must be an integer from 1 to ${cin} (the block input width)`,
        );
      }
    }
  });
  return problems;
}
