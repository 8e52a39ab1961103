/**
 * The strip's data split by how often it changes. Its structure (blocks, their modes, the stages'
 * captions) changes with the model or a stage's setting and is rendered by React; its rates change many
 * times a second and reach the canvas, the buttons' accessible names and the layer blocks' fill through
 * a store subscription, without a React render (see NetworkStrip).
 */
import type { ArchitectureSpec } from '../../../../core/arch';
import type { StudioConfig } from '../../../../core/config/schema';
import type { StudioState } from '../../store';
import { shownMasks } from '../masks/selection';
import { stageCaption, stripData, type StripStage } from './stripData';

let lastConfig: StudioConfig | null = null;
let lastArch: ArchitectureSpec | null = null;
let lastStages: StripStage[] = [];

/**
 * {@link stripData} of a configuration, computed once per configuration and architecture (the strip's
 * selector and its subscription both ask for the configuration of each change).
 */
export function liveStages(config: StudioConfig, arch: ArchitectureSpec): StripStage[] {
  if (config !== lastConfig || arch !== lastArch) {
    lastStages = stripData(config, arch);
    lastConfig = config;
    lastArch = arch;
  }
  return lastStages;
}

const signatures = new WeakMap<StripStage[], string>();

/** What the strip's DOM shows besides the rates: the stages' captions, the blocks and their modes. */
export function stripSignature(stages: StripStage[]): string {
  let sig = signatures.get(stages);
  if (sig === undefined) {
    sig = stages
      .map(
        (st) =>
          `${stageCaption(st)}:${st.blocks.map((b) => `${b.key}|${b.dynamics.mode}`).join(',')}`,
      )
      .join(';');
    signatures.set(stages, sig);
  }
  return sig;
}

const NO_STAGES: StripStage[] = [];

/**
 * A selector of the strip's structure for `arch`: the stages of the current configuration, but the same
 * array as before while only rates change (so React does not re-render the strip for a rate).
 */
export function stripStructureSelector(
  arch: ArchitectureSpec | null,
): (state: Pick<StudioState, 'config'>) => StripStage[] {
  let last: StripStage[] | null = null;
  return (state) => {
    if (!arch) return NO_STAGES;
    const next = liveStages(state.config, arch);
    if (last && (last === next || stripSignature(last) === stripSignature(next))) return last;
    last = next;
    return next;
  };
}

/**
 * The layer gates of the masks the masks views show (image proxy or a real dump), as one string
 * ("key=1,key=0"), so that a selector's result compares by value.
 */
export function gatesKeyOf(
  state: Pick<StudioState, 'maskDump' | 'config' | 'proxyMasks' | 'maskImage'>,
): string {
  const shown = shownMasks(state);
  if (!shown) return '';
  return shown.result.blocks
    .filter((b) => b.mode === 'layer' && b.grid !== null)
    .map((b) => `${b.key}=${b.grid!.data.some((v) => v !== 0) ? 1 : 0}`)
    .join(',');
}

/** {@link gatesKeyOf}'s string as a map: block key → gate on. */
export function parseGates(gatesKey: string): Map<string, boolean> {
  const map = new Map<string, boolean>();
  for (const item of gatesKey ? gatesKey.split(',') : []) {
    const [key, on] = item.split('=');
    map.set(key!, on === '1');
  }
  return map;
}
