/** The whole exploration in one synchronous call (CLI, benchmarks, tests; the app splits it over Workers). */
import type { ArchitectureSpec } from '../arch';
import { createPredictor } from '../predictor/context';
import type { HardwareParams } from '../predictor/hardware';
import { evaluateRange } from './evaluate';
import { paretoFront } from './pareto';
import { buildSpace } from './space';
import { flopsTables, latencyTables } from './tables';
import type { ExploreResult, ExploreSpace, ExploreSpec } from './types';

/** A device of an exploration. */
export interface ExploreDevice {
  id: string;
  params: HardwareParams;
}

/** Every configuration of a space evaluated, with one front per device. */
export interface Exploration {
  space: ExploreSpace;
  flopsRatio: Float64Array;
  /** Per device (same order as given), latency per batch in seconds; NaN for skipped duplicates. */
  latencyS: Float64Array[];
  /** Per device, the batch size (ms per image = latencyS / batch · 1000). */
  batchSizes: number[];
  /** Per device, indices of the Pareto front (latency ↑, FLOPs ratio ↑). */
  fronts: number[][];
}

/**
 * Enumerates and evaluates the space of `arch` under `spec` on every device, and finds the fronts.
 * Returns the space's message when the spec is invalid or the space too large.
 */
export function explore(
  arch: ArchitectureSpec,
  spec: ExploreSpec,
  devices: readonly ExploreDevice[],
): ExploreResult<Exploration> {
  const built = buildSpace(arch, spec);
  if (!built.ok) return built;
  const space = built.value;
  const predictors = devices.map((d) => createPredictor(d.params));
  const flops = flopsTables(space);
  const latency = predictors.map((p) => latencyTables(p, space));
  const out = {
    flopsRatio: new Float64Array(space.size),
    latencyS: devices.map(() => new Float64Array(space.size)),
  };
  evaluateRange(space, flops, latency, 0, space.size, out);
  return {
    ok: true,
    value: {
      space,
      ...out,
      batchSizes: predictors.map((p) => p.B),
      fronts: out.latencyS.map((l) => paretoFront(l, out.flopsRatio)),
    },
  };
}
