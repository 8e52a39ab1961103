import { findBuiltinArchitecture } from '../../core/arch';
import type { StudioConfig } from '../../core/config/schema';
import { HARDWARE_PRESETS } from '../../core/predictor/hardware';

/** Display name of the configuration's model. */
export function modelLabel(config: StudioConfig): string {
  if (config.model.kind === 'custom') return config.model.architecture.label;
  return findBuiltinArchitecture(config.model.id)?.label ?? config.model.id;
}

/** Short display name of a hardware preset id ("V100"). */
export function presetShortLabel(id: string): string {
  const preset = HARDWARE_PRESETS.find((p) => p.id === id);
  if (!preset) return id;
  return preset.label.replace(/^NVIDIA\s+(Tesla\s+|GeForce\s+)?/, '');
}

/** Display name of the configuration's hardware (with a mark when parameters are overridden). */
export function hardwareLabel(config: StudioConfig): string {
  if (config.hardware.kind === 'custom') return config.hardware.label || 'Custom hardware';
  const overridden = Object.keys(config.hardware.overrides).length > 0;
  return `${presetShortLabel(config.hardware.id)}${overridden ? ' (modified)' : ''}`;
}
