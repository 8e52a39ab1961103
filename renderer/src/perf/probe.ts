/**
 * A read-only window into what is on screen, for the UI benchmarks and end-to-end tests: which
 * configuration each part of the screen has drawn, and how many WebGL renders the 3D view made (and the
 * most within one animation frame). Recording is a few assignments per change; nothing reads it in the app.
 */
import type { StudioConfig } from '../../../core/config/schema';
import { useStudio } from '../store';

/** Parts of the screen that report what they drew. */
export type ProbeArea =
  'header' | 'curves' | 'breakdown' | 'theory' | 'hardware' | 'masks' | 'space';

export interface Probe {
  /** The configuration whose results each area has drawn last. */
  drawn: Partial<Record<ProbeArea, StudioConfig>>;
  /** WebGL renders of the 3D view since the page loaded. */
  spaceRenders: number;
  /** Most 3D renders within one animation frame (several in one frame are wasted work). */
  spaceMaxRendersPerFrame: number;
  /** True when every one of `areas` shows the results of the live configuration. */
  isDrawn: (...areas: ProbeArea[]) => boolean;
}

const probe: Probe = {
  drawn: {},
  spaceRenders: 0,
  spaceMaxRendersPerFrame: 0,
  isDrawn: (...areas) => {
    const config = useStudio.getState().config;
    return areas.every((a) => probe.drawn[a] === config);
  },
};
let frameTime: number | null = null;
let rendersThisFrame = 0;

declare global {
  interface Window {
    /** See {@link Probe}: the benchmarks compare `drawn[area]` with the store's configuration. */
    __laudnetProbe?: Probe;
  }
}

if (typeof window !== 'undefined') window.__laudnetProbe = probe;

/** Records that `area` now shows the results of `config`. */
export function markDrawn(area: ProbeArea, config: StudioConfig | null | undefined): void {
  if (config) probe.drawn[area] = config;
}

/** Counts one WebGL render of the 3D view (renders in the same animation frame are counted together). */
export function countSpaceRender(): void {
  probe.spaceRenders++;
  const now = typeof document === 'undefined' ? null : document.timeline.currentTime;
  const t = typeof now === 'number' ? now : null;
  if (t !== null && t === frameTime) rendersThisFrame++;
  else {
    frameTime = t;
    rendersThisFrame = 1;
  }
  probe.spaceMaxRendersPerFrame = Math.max(probe.spaceMaxRendersPerFrame, rendersThisFrame);
}
