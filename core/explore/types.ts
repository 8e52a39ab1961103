/** Types of the design-space explorer: what the user asks for and what one evaluated space holds. */
import type { ArchitectureSpec } from '../arch';

/** Stage modes the explorer enumerates (spatial+channel has no reference data and is left out). */
export const EXPLORE_MODES = ['static', 'spatial', 'channel', 'layer'] as const;
/** One of {@link EXPLORE_MODES}. */
export type ExploreMode = (typeof EXPLORE_MODES)[number];

/** One stage setting: its mode, the patch side S (spatial) and the group size G (channel). */
export interface StageOption {
  mode: ExploreMode;
  /** Spatial granularity S; 0 when the mode has none. */
  s: number;
  /** Channel group size G; 0 when the mode has none. */
  g: number;
}

/** Limits a user may put on one stage (every field optional: absent means "anything valid"). */
export interface StageConstraint {
  modes?: readonly ExploreMode[];
  /** Allowed spatial granularities S (each must divide the stage's feature size). */
  granularities?: readonly number[];
  /** Allowed channel group sizes G (each must divide the stage's inner width). */
  groupSizes?: readonly number[];
}

/** What to enumerate. */
export interface ExploreSpec {
  /** Modes allowed in every stage. */
  modes: readonly ExploreMode[];
  /** Activation-rate grid, each value in (0, 1]. */
  rates: readonly number[];
  /** One rate for the whole network, or one rate per stage (every combination). */
  rateScope: 'global' | 'per-stage';
  /** Keep only settings the reference training code can build (core/config/trainability.ts). */
  trainableOnly: boolean;
  /** Per-stage limits, index = stage (missing entries: no limit). */
  stages?: readonly (StageConstraint | undefined)[];
  /** Largest space accepted; defaults to {@link DEFAULT_SPACE_LIMIT}. */
  limit?: number;
}

/** Default cap on the number of configurations one exploration may enumerate. */
export const DEFAULT_SPACE_LIMIT = 2_000_000;

/** One stage's choices: a stage option and the rate it runs at (NaN: the global rate; 1 for static). */
export interface StageChoice {
  option: StageOption;
  /** Index into the rate grid, or -1 when the rate is not a per-stage choice. */
  rateIndex: number;
}

/**
 * An enumerable design space: configuration `k` is the mixed-radix number whose digits are the stages'
 * choice indices (stage 1 most significant) followed, with a global rate, by the rate index.
 */
export interface ExploreSpace {
  arch: ArchitectureSpec;
  rates: readonly number[];
  rateScope: 'global' | 'per-stage';
  /** Per stage, its choices in enumeration order. */
  choices: readonly (readonly StageChoice[])[];
  /** Digit sizes, most significant first (stages, then the global rate when `rateScope` is global). */
  radices: readonly number[];
  /** Number of indices (some global-rate duplicates of the all-static network are skipped). */
  size: number;
}

/** Result of a check on user input: the value, or a message naming what was expected and what was found. */
export type ExploreResult<T> = { ok: true; value: T } | { ok: false; error: string };
