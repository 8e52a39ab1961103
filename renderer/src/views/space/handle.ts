/**
 * What the 3D view asks of its renderer, wherever it draws: on the page ({@link PageSpace}) or in a
 * worker on an OffscreenCanvas ({@link WorkerSpace}).
 */
import type { StudioConfig } from '../../../../core/config/schema';
import type { BlockMaskSet } from '../../../../core/maskfile/types';

export interface SpaceHandle {
  /**
   * Shows new masks (`config`: the configuration they are for, null for a dump's). Drawn once, in a
   * coming animation frame.
   */
  setContent: (
    blocks: readonly BlockMaskSet[],
    input: Uint8ClampedArray | null,
    config: StudioConfig | null,
  ) => void;
  setSelected: (key: string | null) => void;
  /** Puts the whole network in view. */
  frameAll: () => void;
  /** True once the scene has been drawn with content at least once. */
  hasRendered: () => boolean;
  /** Called after each render that shows content, with the configuration of the masks drawn. */
  onRendered: ((config: StudioConfig | null) => void) | null;
  dispose: () => void;
}
