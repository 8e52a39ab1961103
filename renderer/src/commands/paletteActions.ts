/**
 * The palette's entries: every declared command plus the settings a researcher reaches for (model,
 * hardware, each stage's mode, S and G, solvers, theme), generated from the configuration so the
 * palette covers exactly what the controls offer.
 */
import { BUILTIN_ARCHITECTURES, stageMidChannels } from '../../../core/arch';
import {
  commandKeys,
  formatAccelerator,
  paletteCommands,
  type CommandId,
} from '../../../core/commands';
import { STAGE_MODES, type ConfigStageMode, type StudioConfig } from '../../../core/config/schema';
import {
  resolveArchitecture,
  validChannelGroupSizes,
  validGranularities,
} from '../../../core/config/resolve';
import { HARDWARE_PRESETS } from '../../../core/predictor/hardware';
import type { Host } from '../host/types';
import { useStudio } from '../store';
import {
  setArchitecture,
  setHardwarePreset,
  setStageGranularity,
  setStageGroupSize,
  setStageMode,
} from '../store/configEdits';
import type { ThemePreference } from '../store/uiSlice';
import { COMMAND_HANDLERS, runCommand } from './handlers';

export interface PaletteEntry {
  key: string;
  label: string;
  /** Group shown beside the label ("Model", "Stage 2"…); also searched. */
  group: string;
  /** Extra words the matcher searches (ids, synonyms). */
  keywords: string;
  shortcut: string | null;
  enabled: boolean;
  /** True for the setting in effect now (shown as current). */
  current: boolean;
  run: (host: Host) => void;
}

const MODE_LABEL: Record<ConfigStageMode, string> = {
  static: 'static (dense)',
  spatial: 'spatial mask',
  channel: 'channel skipping',
  layer: 'layer skipping',
  'spatial+channel': 'spatial + channel',
};

const edit = (f: (c: StudioConfig) => StudioConfig) => useStudio.getState().editConfig(f);

/** Clicks a control of the side panel (solvers keep their inputs there). */
function press(testId: string, focusOnly = false): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el) {
    useStudio.getState().notify('error', 'That control is not on screen (open the side panel).');
    return;
  }
  el.scrollIntoView({ block: 'nearest' });
  if (focusOnly) el.focus();
  else el.click();
}

function commandEntries(isMac: boolean): PaletteEntry[] {
  return paletteCommands().map((c) => {
    const handler = COMMAND_HANDLERS[c.id as CommandId];
    const keys = commandKeys(c);
    return {
      key: c.id,
      label: c.label,
      group:
        c.category === 'export' ? 'Export' : c.category[0]!.toUpperCase() + c.category.slice(1),
      keywords: c.id.replace(/[.-]/g, ' '),
      shortcut: keys[0] ? formatAccelerator(keys[0], isMac) : null,
      enabled: handler.enabled ? handler.enabled() : true,
      current: false,
      run: (host) => void runCommand(c.id as CommandId, host),
    };
  });
}

function settingEntries(config: StudioConfig, theme: ThemePreference): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  const base = { shortcut: null, enabled: true };
  for (const arch of BUILTIN_ARCHITECTURES) {
    out.push({
      ...base,
      key: `model:${arch.id}`,
      label: `Model: ${arch.label}`,
      group: 'Model',
      keywords: arch.id,
      current: config.model.kind === 'builtin' && config.model.id === arch.id,
      run: () => edit((c) => setArchitecture(c, arch, true)),
    });
  }
  for (const preset of HARDWARE_PRESETS) {
    out.push({
      ...base,
      key: `hardware:${preset.id}`,
      label: `Hardware: ${preset.label}`,
      group: 'Hardware',
      keywords: preset.id,
      current: config.hardware.kind === 'preset' && config.hardware.id === preset.id,
      run: () => edit((c) => setHardwarePreset(c, preset.id)),
    });
  }
  const arch = resolveArchitecture(config);
  arch.stages.forEach((spec, i) => {
    const st = config.stages[i];
    if (!st) return;
    const group = `Stage ${i + 1}`;
    for (const mode of STAGE_MODES) {
      out.push({
        ...base,
        key: `stage${i}:mode:${mode}`,
        label: `Stage ${i + 1} mode: ${MODE_LABEL[mode]}`,
        group,
        keywords: mode,
        current: st.mode === mode,
        run: () => edit((c) => setStageMode(c, i, mode)),
      });
    }
    for (const s of validGranularities(spec.outResolution)) {
      out.push({
        ...base,
        key: `stage${i}:S:${s}`,
        label: `Stage ${i + 1} spatial granularity S = ${s}`,
        group,
        keywords: `S=${s} patch`,
        current: st.spatialGranularity === s,
        run: () => edit((c) => setStageGranularity(c, i, s)),
      });
    }
    const m = stageMidChannels(arch, spec);
    for (const g of validChannelGroupSizes(m).filter((g) => g < m)) {
      out.push({
        ...base,
        key: `stage${i}:G:${g}`,
        label: `Stage ${i + 1} channel group size G = ${g}`,
        group,
        keywords: `G=${g} channel granularity`,
        current: st.channelGroupSize === g,
        run: () => edit((c) => setStageGroupSize(c, i, g)),
      });
    }
  });
  const solvers: [string, string, string, boolean][] = [
    ['solver:flops', 'Fit rates to a FLOPs target…', 'flops-target', true],
    ['solver:budget', 'Fit rates to a latency budget (ms per image)…', 'latency-budget', true],
    ['solver:granularity', 'Choose granularity…', 'choose-granularity', false],
  ];
  for (const [key, label, testId, focusOnly] of solvers) {
    out.push({
      ...base,
      key,
      label,
      group: 'Solver',
      keywords: 'solve tune',
      current: false,
      run: () => press(testId, focusOnly),
    });
  }
  for (const format of ['CSV', 'JSON'] as const) {
    out.push({
      ...base,
      key: `export:curves-${format}`,
      label: `Export curve data as ${format}`,
      group: 'Export',
      keywords: 'data points sweep latency curves',
      current: false,
      run: () => {
        useStudio.getState().setActiveView('curves');
        setTimeout(() => press(`curves-data-${format.toLowerCase()}`), 0);
      },
    });
  }
  for (const t of ['light', 'dark', 'system'] as const) {
    out.push({
      ...base,
      key: `theme:${t}`,
      label: `Theme: ${t === 'system' ? 'follow the system' : t}`,
      group: 'View',
      keywords: 'appearance colour color',
      current: theme === t,
      run: () => useStudio.getState().setTheme(t),
    });
  }
  return out;
}

/** Every palette entry for the current state: declared commands first, then settings. */
export function paletteEntries(
  config: StudioConfig,
  theme: ThemePreference,
  isMac: boolean,
): PaletteEntry[] {
  return [...commandEntries(isMac), ...settingEntries(config, theme)];
}

/** What the matcher searches for an entry. */
export function paletteText(e: PaletteEntry): string {
  return `${e.label} ${e.group} ${e.keywords}`;
}
