/**
 * The hardware comparison computed on the main thread, so that its rows land in the same frame as the
 * header after a rate change (a worker round trip costs one or more extra painted frames per change).
 *
 * Warm, the eight presets cost a few tenths of a millisecond together; cold (a new model or mode, the
 * first visit to the tab) their tile searches cost hundreds. So rows are computed here only for a
 * configuration family (everything but the rates) whose tables were warmed in idle time, and only within
 * a time budget: a change that needs fresh work (a rate never seen, a new density) stops at the budget
 * and the caller falls back to the worker for that change.
 */
import { resolveArchitecture } from '../../../../core/config/resolve';
import { toNetworkRequest } from '../../../../core/config/request';
import type { StudioConfig } from '../../../../core/config/schema';
import {
  HARDWARE_PRESETS,
  createPredictor,
  predictNetwork,
  resolveHardware,
  type NetworkRequest,
  type Predictor,
} from '../../../../core/predictor';
import { familyKey, hardwareRow } from '../../worker/analysis';
import type { HardwareRow } from '../../worker/types';

/** Main-thread time one change may spend on the rows before it hands them to the worker, ms. */
export const MAIN_ROWS_BUDGET_MS = 3;
/**
 * Past the budget, the rows are still finished here when all of them, at the pace so far, take no
 * longer than this, ms: a warm change slowed by a busy machine or a collection costs less here than a
 * worker round trip, which adds frames and a second render of the view.
 */
export const MAIN_ROWS_FINISH_MS = 6;

/** Target rates the idle warm-up predicts besides the configuration's own (tile shapes over the range). */
const WARM_RATES = [0.1, 0.3, 0.5, 0.7, 0.9];

let predictors: Predictor[] | null = null;
/** One predictor per preset (each shares its memo tables with every predictor of equal parameters). */
function presetPredictors(): Predictor[] {
  predictors ??= HARDWARE_PRESETS.map((p) => createPredictor(resolveHardware(p.id)));
  return predictors;
}

/** The row of preset `i` for a request (the same fields as the analysis worker's rows). */
export function presetRow(i: number, req: NetworkRequest): HardwareRow {
  const preset = HARDWARE_PRESETS[i]!;
  return hardwareRow(preset, predictNetwork(presetPredictors()[i]!, req));
}

const warmFamilies = new Set<string>();
let warming: string | null = null;

/**
 * The rows of `config` on every preset, or null when that would cost more than `budgetMs` here: a
 * family not warmed yet (its warm-up is then started in idle time), or fresh work past the budget
 * whose projected total (the pace so far times the presets) exceeds `finishMs`. `now` is the clock
 * (tests pass their own).
 */
export function hardwareRowsOnMain(
  config: StudioConfig,
  budgetMs: number = MAIN_ROWS_BUDGET_MS,
  now: () => number = () => performance.now(),
  finishMs: number = Math.max(budgetMs, MAIN_ROWS_FINISH_MS),
): HardwareRow[] | null {
  const key = familyKey(config);
  if (!warmFamilies.has(key)) {
    warmUp(config, key);
    return null;
  }
  const t0 = now();
  try {
    const req = toNetworkRequest(config, resolveArchitecture(config));
    const rows: HardwareRow[] = [];
    const total = HARDWARE_PRESETS.length;
    for (let i = 0; i < total; i++) {
      rows.push(presetRow(i, req));
      if (i === total - 1) break;
      const elapsed = now() - t0;
      // Over the budget: on to the worker, unless the rest at this pace still ends within `finishMs`.
      if (elapsed > budgetMs && (elapsed / (i + 1)) * total > finishMs) return null;
    }
    return rows;
  } catch {
    return null; // the worker reports the error in its words
  }
}

/** True once `config`'s family has been warmed (rows are then computed on the main thread). */
export function isWarm(config: StudioConfig): boolean {
  return warmFamilies.has(familyKey(config));
}

type IdleCallback = (deadline: { timeRemaining: () => number }) => void;
const onIdle = (cb: IdleCallback): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(cb, { timeout: 500 });
  else setTimeout(() => cb({ timeRemaining: () => 8 }), 16);
};

/**
 * Predicts `config` (then a few other target rates) on every preset, one preset per idle period, then
 * marks its family warm. One family at a time; a newer family replaces an unfinished warm-up.
 */
function warmUp(config: StudioConfig, key: string): void {
  if (warming === key) return;
  warming = key;
  const configs = [config, ...WARM_RATES.map((targetRate) => ({ ...config, targetRate }))];
  let job = 0;
  const total = configs.length * HARDWARE_PRESETS.length;
  let req: NetworkRequest[];
  try {
    const arch = resolveArchitecture(config);
    req = configs.map((c) => toNetworkRequest(c, arch));
  } catch {
    warming = null;
    return;
  }
  const step: IdleCallback = (deadline) => {
    if (warming !== key) return;
    do {
      presetRow(job % HARDWARE_PRESETS.length, req[Math.floor(job / HARDWARE_PRESETS.length)]!);
      job++;
    } while (job < total && deadline.timeRemaining() > 4);
    if (job < total) onIdle(step);
    else {
      warmFamilies.add(key);
      warming = null;
    }
  };
  onIdle(step);
}

/** Forgets warmed families (tests). */
export function resetWarmFamilies(): void {
  warmFamilies.clear();
  warming = null;
}
