/**
 * What the theory view renders with React, apart from the numbers: a rate change that leaves the blocks,
 * the stages, their modes and the drawn domain alone renders nothing; its points, table cells and
 * sentences reach the page through `live` (direct writes of what changed).
 */
import type { StudioState } from '../../store/studioStore';
import type { Analysis } from '../../worker/types';
import { latencyModeOf } from '../breakdown/ops';
import { explainGap, theoryOf, type Theory } from './theoryData';
import { growDomain, keepDomain, sharedDomain } from './theoryGeometry';

export interface TheoryShape {
  /**
   * The theory when the blocks, stages or modes last changed: those are the latest ones', its numbers
   * maybe not (the latest are on `live`). Null while there is no analysis.
   */
  theory: Theory | null;
  /**
   * The domain drawn on both axes (see growDomain): it grows at once when a point leaves it and narrows
   * only once the rates rest (see {@link TheorySelector.settle}).
   */
  domain: [number, number];
}

/** The numbers of the latest analysis, written directly into the view. */
export interface TheoryLive {
  theory: Theory;
  /** The sentence over the chart (see explainGap). */
  explanation: string;
  /**
   * The shape these numbers are drawn in: a part rendered for another one skips them (React renders
   * it again with this shape, in the same task, and it writes them then).
   */
  shape: TheoryShape;
}

/**
 * Whether `b` has the blocks (in order, with their stages) and the stages (with their modes) of `a`:
 * what a rate change leaves alone. Compared field by field (no key string built per change).
 */
export function sameStructure(a: Theory, b: Theory): boolean {
  if (a.blocks.length !== b.blocks.length || a.stages.length !== b.stages.length) return false;
  for (let i = 0; i < a.blocks.length; i++) {
    const x = a.blocks[i]!;
    const y = b.blocks[i]!;
    if (x.key !== y.key || x.stage !== y.stage) return false;
  }
  for (let i = 0; i < a.stages.length; i++) {
    const x = a.stages[i]!;
    const y = b.stages[i]!;
    if (x.stage !== y.stage || x.modes.length !== y.modes.length) return false;
    if (x.modes.some((m, j) => m !== y.modes[j])) return false;
  }
  return true;
}

const neededDomain = (theory: Theory) => sharedDomain([...theory.blocks, theory.network]);

const NO_DOMAIN: [number, number] = [0, 0];

export interface TheorySelector {
  /** A store selector: the same object while the shape stays the same (the view does not render). */
  shape: (s: StudioState) => TheoryShape;
  /** The latest numbers (the same object for the same analysis and hardware), or null. */
  live: (s: StudioState) => TheoryLive | null;
  /**
   * Narrows the drawn domain to the latest points where they span under half of it (see keepDomain),
   * once the rates have rested; true when the shape changed (the view must render again).
   */
  settle: (s: StudioState) => boolean;
}

export function theorySelector(): TheorySelector {
  let analysis: Analysis | null = null;
  let theory: Theory | null = null;
  const theoryOfState = (s: StudioState): Theory | null => {
    if (s.analysis !== analysis) {
      analysis = s.analysis;
      theory = analysis ? theoryOf(analysis) : null;
    }
    return theory;
  };
  let explained: Theory | null = null;
  let explainedFor: StudioState['config']['hardware'] | null = null;
  let explanation = '';
  let live: TheoryLive | null = null;
  let shape: TheoryShape | null = null;
  let shapeOf: Theory | null = null;
  const shapeOfState = (s: StudioState): TheoryShape => {
    const now = theoryOfState(s);
    if (shape && now === shapeOf) return shape;
    shapeOf = now;
    if (!now) {
      shape = { theory: null, domain: NO_DOMAIN };
      return shape;
    }
    const drawn = shape?.theory ? shape.domain : null;
    const domain = drawn
      ? growDomain(drawn, neededDomain(now))
      : keepDomain(null, neededDomain(now));
    // A new domain for the same blocks keeps the theory object: the table and the note do not render.
    const same = drawn !== null && sameStructure(shape!.theory!, now);
    if (same && domain[0] === drawn[0] && domain[1] === drawn[1]) return shape!;
    shape = { theory: same ? shape!.theory : now, domain };
    return shape;
  };
  return {
    shape: shapeOfState,
    live: (s) => {
      const drawn = shapeOfState(s);
      const now = theoryOfState(s);
      if (now !== explained || s.config.hardware !== explainedFor) {
        explained = now;
        explainedFor = s.config.hardware;
        explanation = now && analysis ? explainGap(analysis, latencyModeOf(s.config.hardware)) : '';
      }
      if (!now) live = null;
      else if (
        !live ||
        live.theory !== now ||
        live.explanation !== explanation ||
        live.shape !== drawn
      )
        live = { theory: now, explanation, shape: drawn };
      return live;
    },
    settle: (s) => {
      const { theory: now, domain: drawn } = shapeOfState(s);
      if (!now) return false;
      const rest = keepDomain(drawn, neededDomain(shapeOf!));
      if (rest[0] === drawn[0] && rest[1] === drawn[1]) return false;
      shape = { theory: now, domain: rest };
      return true;
    },
  };
}
