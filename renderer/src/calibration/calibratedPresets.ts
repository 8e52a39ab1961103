/**
 * Hardware presets calibrated on the user's own device: their versioned storage format (validated with
 * zod on load) and the conversions the hardware picker needs.
 */
import { z } from 'zod';
import { versionedFormat } from '../../../core/persist/versionedFormat';
import { lazily } from '../../../core/config/schemaLazy';
import { hardwareParamsSchema, type HardwareParams } from '../../../core/predictor/hardware';

/** A saved calibration: fitted parameters plus where they came from. */
export interface CalibratedPreset {
  id: string;
  name: string;
  /** Measurement file name. */
  source: string;
  /** ISO date-time of the save. */
  savedAt: string;
  params: HardwareParams;
  heldOutMedianErrorPct: number;
  heldOutWithin10Pct: number;
  rows: number;
}

/** User-data key under which the presets are stored (host.saveUserData / localStorage). */
export const CALIBRATED_PRESETS_KEY = 'calibrated-presets';

const presetSchema = () =>
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    source: z.string(),
    savedAt: z.string(),
    params: hardwareParamsSchema(),
    heldOutMedianErrorPct: z.number(),
    heldOutWithin10Pct: z.number(),
    rows: z.number(),
  });

const CALIBRATED_PRESETS_FORMAT = 'laudnet-calibrated-presets';
const CALIBRATED_PRESETS_VERSION = 1;

const presetsV1 = () =>
  z.object({
    format: z.literal(CALIBRATED_PRESETS_FORMAT),
    version: z.literal(CALIBRATED_PRESETS_VERSION),
    presets: z.array(presetSchema()),
  });

/** The stored presets' versions (only version 1 so far), built on first use. */
const calibratedPresetsFormat = lazily(() =>
  versionedFormat({
    label: 'saved calibrated presets',
    format: CALIBRATED_PRESETS_FORMAT,
    current: { version: CALIBRATED_PRESETS_VERSION, schema: presetsV1() },
  }),
);

/** Serialises the presets in the versioned storage format. */
export function serializeCalibratedPresets(presets: readonly CalibratedPreset[]): string {
  return JSON.stringify({
    format: CALIBRATED_PRESETS_FORMAT,
    version: CALIBRATED_PRESETS_VERSION,
    presets,
  });
}

/** Reads stored presets; a damaged or unknown text gives an error message instead of a silent empty list. */
export function parseCalibratedPresets(
  text: string,
): { ok: true; presets: CalibratedPreset[] } | { ok: false; error: string } {
  const parsed = calibratedPresetsFormat().parse(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, presets: parsed.value.presets };
}

/** Label of a calibrated preset in the hardware picker and the header. */
export function calibratedLabel(p: CalibratedPreset): string {
  return `${p.name} (calibrated)`;
}

/** The calibrated preset a custom-hardware config came from, if any (same label and parameters). */
export function findCalibratedPreset(
  presets: readonly CalibratedPreset[],
  label: string,
  params: HardwareParams,
): CalibratedPreset | undefined {
  return presets.find(
    (p) => calibratedLabel(p) === label && JSON.stringify(p.params) === JSON.stringify(params),
  );
}
