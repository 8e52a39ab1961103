/**
 * The predictor context: hardware-derived constants, the memo tables of the tile searches and the
 * primitive formulas shared by every operator (latency spec §0, §1.2, §2.4, §2.5).
 */
import { clearDensityCache } from './density';
import { clearSearchSpaceCaches } from './search-space';
import { ceilEff, memEff } from './helpers';
import {
  HardwareError,
  hardwareKey,
  hardwareParamsSchema,
  plainValidParams,
  type HardwareParams,
} from './hardware';

/** Memo tables shared by every predictor built from equal hardware parameters. */
export interface MemoStore {
  /** Tile-search results keyed by operator and arguments. */
  readonly searches: Map<string, unknown>;
  /**
   * Results of searches whose arguments hold a channel rate (channel modes): a table of their own, so
   * that a long session of new rates never clears the rate-free searches (a cold restart of every shape).
   */
  readonly rateSearches: Map<string, unknown>;
  /** Rate-independent network plans (see network.ts). */
  readonly plans: Map<string, unknown>;
  /**
   * Search hints: the last winning tile per search family (arguments without the densities), which seeds
   * the pruning of the family's next search. Results never depend on them, only the work does.
   */
  readonly hints: Map<string, Tile>;
  /** Counters, for tests and benchmarks: searches run (memo misses) and candidates evaluated. */
  readonly stats: { searches: number; candidates: number };
}

const stores = new Map<string, MemoStore>();
const STORE_LIMIT = 32;
const SEARCH_LIMIT = 50_000;
const RATE_SEARCH_LIMIT = 8_192;
const PLAN_LIMIT = 512;
const HINT_LIMIT = 4_096;

/**
 * A latency predictor for one hardware parameter set. Holds the derived constants under the reference's
 * names (P, F, f, B, …) so the operator formulas read like the spec, and the memo tables, which are keyed
 * by the hardware *parameters*: two predictors of equal parameters share them.
 */
export class Predictor {
  readonly hw: Readonly<HardwareParams>;
  readonly key: string;
  /** PEs. */ readonly P: number;
  /** fp32 lanes per PE. */ readonly F: number;
  /** Clock in Hz. */ readonly f: number;
  /** Batch size. */ readonly B: number;
  /** Launch time in s. */ readonly tau: number;
  /** Elements per memory transaction. */ readonly m: number;
  /** DRAM bandwidth in elements/s. */ readonly M: number;
  /** L2 bandwidth in elements/s. */ readonly L2: number;
  /** Peak per-PE parallelism F·k. */ readonly Pi: number;
  readonly addMode: boolean;
  readonly memo: MemoStore;

  constructor(hw: HardwareParams) {
    this.hw = Object.freeze({ ...hw });
    this.key = hardwareKey(hw);
    this.P = hw.nPes;
    this.F = hw.peFp32s;
    this.f = hw.frequencyHz;
    this.B = hw.batchSize;
    this.tau = hw.launchTimeS;
    this.m = hw.memConcurrentFp32;
    this.M = hw.memBandwidthBytesPerS / 4;
    this.L2 = (hw.memBandwidthBytesPerS / 4) * hw.l2SpeedFrac;
    this.Pi = hw.peFp32s * hw.fp32Cycles;
    this.addMode = hw.latencyMode === 'add';
    let store = stores.get(this.key);
    if (!store) {
      if (stores.size >= STORE_LIMIT) stores.clear();
      store = {
        searches: new Map(),
        rateSearches: new Map(),
        plans: new Map(),
        hints: new Map(),
        stats: { searches: 0, candidates: 0 },
      };
      stores.set(this.key, store);
    }
    this.memo = store;
  }

  /** `combine(c, m)`: c + m in 'add' mode, max otherwise (spec §0). */
  combine(c: number, m: number): number {
    return this.addMode ? c + m : Math.max(c, m);
  }

  /** Two-level memory latency `Tot/M + A/L2/mem_eff(r, i, m)` (spec §2.4). */
  memlat(a: number, tot: number, r: number, i: number): number {
    return tot / this.M + a / this.L2 / memEff(r, i, this.m);
  }

  /** On-PE tree reduction of `nEl` partials over `c` lanes; contains the batch factor (spec §2.5). */
  peReduce(c: number, nEl: number): number {
    let n = Math.ceil(nEl / 2);
    let t = 0;
    while (n > 1) {
      t = t + Math.ceil((n * c) / this.F) / ceilEff(n * c, this.Pi) / this.f;
      n = Math.ceil(n / 2);
    }
    return t * this.B;
  }

  /**
   * Memoised search: runs `compute` once per key (searches are pure functions of hardware and args).
   * `rateDependent`: the arguments hold a channel rate (see {@link MemoStore.rateSearches}).
   */
  memoSearch<T>(key: string, compute: () => T, rateDependent = false): T {
    const table = rateDependent ? this.memo.rateSearches : this.memo.searches;
    const hit = table.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    this.memo.stats.searches++;
    const value = compute();
    if (table.size >= (rateDependent ? RATE_SEARCH_LIMIT : SEARCH_LIMIT)) table.clear();
    table.set(key, value);
    return value;
  }

  /** The hint of a search family (see {@link MemoStore.hints}), if one was remembered. */
  searchHint(family: string): Tile | undefined {
    return this.memo.hints.get(family);
  }

  /** Remembers a family's latest winning tile as the hint of its next search. */
  rememberHint(family: string, tile: Tile): void {
    const table = this.memo.hints;
    if (table.size >= HINT_LIMIT && !table.has(family)) table.clear();
    table.set(family, tile);
  }

  /** Memoised network plan (rate-independent part of a network evaluation). */
  memoPlan<T>(key: string, compute: () => T): T {
    const table = this.memo.plans;
    const hit = table.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    const value = compute();
    if (table.size >= PLAN_LIMIT) table.clear();
    table.set(key, value);
    return value;
  }
}

/**
 * Empties every memo table (all hardware) and the channel-density cache: the next evaluations run
 * cold. For benchmarks and tests; results never depend on it.
 */
export function resetPredictorCaches(): void {
  for (const store of stores.values()) {
    store.searches.clear();
    store.rateSearches.clear();
    store.plans.clear();
    store.hints.clear();
  }
  clearDensityCache();
  clearSearchSpaceCaches();
}

/**
 * Creates a predictor for a hardware parameter set (for user input, {@link resolveHardware} gives the
 * friendlier messages). Predictors of equal parameters share their memo tables.
 * @throws HardwareError when a parameter is invalid (non-positive, non-finite…).
 */
export function createPredictor(hw: HardwareParams): Predictor {
  if (plainValidParams(hw)) return new Predictor(hw);
  const parsed = hardwareParamsSchema().safeParse(hw);
  if (!parsed.success) {
    throw new HardwareError(
      `invalid hardware: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return new Predictor(hw);
}

/** A tile configuration chosen by a search; `nTiles` is T, `npp` the patches per PE batch (dynamic ops). */
export interface Tile {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly npp?: number;
  readonly nTiles: number;
}

/**
 * An operator report (spec §0): latency plus compute and memory parts; a part the reference leaves
 * absent (`None`) is null and stays null through additions.
 */
export interface OpResult {
  latencyS: number;
  computeS: number | null;
  memoryS: number | null;
  tile: Tile | null;
}

/** Component-wise report addition in the given order (a + b); the tile is dropped, as in the reference. */
export function addResults(a: OpResult, b: OpResult): OpResult {
  return {
    latencyS: a.latencyS + b.latencyS,
    computeS: a.computeS === null || b.computeS === null ? null : a.computeS + b.computeS,
    memoryS: a.memoryS === null || b.memoryS === null ? null : a.memoryS + b.memoryS,
    tile: null,
  };
}

/** A latency-only report (SE, dynamic SE, the zero channel-masker report). */
export function latencyOnly(latencyS: number): OpResult {
  return { latencyS, computeS: null, memoryS: null, tile: null };
}
