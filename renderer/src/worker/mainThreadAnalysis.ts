/**
 * The live prediction on the main thread, where it is cheap: a warm whole-network prediction with its
 * FLOPs and training flags costs well under a millisecond, less than a worker round trip, so computing it
 * in the task of the change puts the configuration and its numbers in one React commit and one painted
 * frame. Stages in a channel mode too: their tile searches depend on the rate itself, so each new rate
 * runs a few searches, but seeded by the last winners and with ρ_E's shortcuts they cost about a
 * millisecond (bench/analysis-rate.bench.ts). Where it is not cheap the worker computes it instead and
 * the main thread never stalls:
 * - a shape (model, input size, hardware, stage modes and granularities) the main thread has not
 *   computed yet: its tile searches are cold (tens to hundreds of ms); the worker answers and the main
 *   thread warms the shape up when the page is idle ({@link MainThreadAnalyzer.warm});
 * - a shape whose calls turned out slow, for a while: the fastest of its last three calls over the
 *   limit (a busy machine delays some calls, an expensive shape every one), or one call far over it;
 * - a configuration the predictor rejects (the worker reports the error the usual way).
 */
import type { StudioConfig } from '../../../core/config/schema';
import { analyze as analyzeConfig } from './analysis';
import type { Analysis } from './types';

/** An analysis computed on the main thread and what it cost there. */
export interface MainThreadResult {
  analysis: Analysis;
  /** Main-thread time of the computation, ms. */
  ms: number;
}

export interface MainThreadAnalyzer {
  /** The analysis of `config` computed now, or null where the worker should compute it (see above). */
  now: (config: StudioConfig) => MainThreadResult | null;
  /** True when `now` would not compute `config` because its shape is not warm on this thread. */
  needsWarmUp: (config: StudioConfig) => boolean;
  /** Computes `config` once on this thread (cold: slow) so that `now` computes its shape from then on. */
  warm: (config: StudioConfig) => void;
}

export interface MainThreadOptions {
  analyze?: (config: StudioConfig) => Analysis;
  clock?: () => number;
  /** A shape whose last three calls all took longer than this goes to the worker, ms. */
  limitMs?: number;
  /** How long a slow shape stays with the worker before the main thread tries it again, ms. */
  retryAfterMs?: number;
}

/**
 * Default limit per call: a new rate of a warm ResNet-101 takes about 0.05 ms in Node in the spatial and
 * layer modes, 1 to 2 ms in the channel modes; a frame has 16.7.
 */
export const MAIN_THREAD_LIMIT_MS = 4;
/** One call this many times the limit is slow enough on its own (a cold search, not a busy machine). */
const FAR_OVER = 25;
/** Calls whose fastest decides (wall time: a loaded machine delays single calls). */
const WINDOW = 3;
const RETRY_AFTER_MS = 10_000;
/** Shapes remembered; beyond this the table starts again (a shape then warms up again). */
const SHAPE_LIMIT = 64;

interface ShapeState {
  /** Durations of the last calls, ms (at most WINDOW). */
  recent: number[];
  /** The worker computes this shape until this time (clock ms); 0: the main thread does. */
  workerUntil: number;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

/**
 * What a prediction's cost depends on besides the rates. Edits replace only what they change, so the
 * model and hardware objects keep their identity across rate changes and are keyed by it (an equal copy,
 * e.g. after opening a file, counts as new and warms up again, quickly).
 */
export function shapeKey(config: StudioConfig): string {
  const size = config.inputSize;
  let key = `${idOf(config.model)}|${idOf(config.hardware)}|${Array.isArray(size) ? size.join('x') : String(size)}`;
  for (const s of config.stages) key += `|${s.mode}:${s.spatialGranularity}:${s.channelGroupSize}`;
  return key;
}

/** A main-thread analyzer with its own table of warm shapes (the app has one, tests their own). */
export function createMainThreadAnalyzer(options: MainThreadOptions = {}): MainThreadAnalyzer {
  const analyze = options.analyze ?? analyzeConfig;
  const clock = options.clock ?? (() => performance.now());
  const limit = options.limitMs ?? MAIN_THREAD_LIMIT_MS;
  const retryAfter = options.retryAfterMs ?? RETRY_AFTER_MS;
  const shapes = new Map<string, ShapeState>();
  const needsWarmUp = (config: StudioConfig) => !shapes.has(shapeKey(config));

  return {
    now(config) {
      const state = shapes.get(shapeKey(config));
      if (!state || state.workerUntil > clock()) return null;
      const t0 = clock();
      let analysis: Analysis;
      try {
        analysis = analyze(config);
      } catch {
        return null; // the worker computes it again and reports the error
      }
      const ms = clock() - t0;
      state.recent.push(ms);
      if (state.recent.length > WINDOW) state.recent.shift();
      state.workerUntil = 0;
      if (
        ms > FAR_OVER * limit ||
        (state.recent.length === WINDOW && Math.min(...state.recent) > limit)
      ) {
        state.workerUntil = clock() + retryAfter;
        state.recent = [];
      }
      return { analysis, ms };
    },
    needsWarmUp,
    warm(config) {
      if (!needsWarmUp(config)) return;
      try {
        analyze(config);
      } catch {
        return; // not computable here: stays with the worker
      }
      if (shapes.size >= SHAPE_LIMIT) shapes.clear();
      shapes.set(shapeKey(config), { recent: [], workerUntil: 0 });
    },
  };
}
