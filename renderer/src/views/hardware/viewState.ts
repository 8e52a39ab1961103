/**
 * What the hardware view renders with React, apart from the numbers: a rate change that leaves the
 * presets, the axes, the model and the note alone renders nothing; its rows reach the charts, the table
 * and the summary through `live` (direct writes of the numbers).
 */
import { keepMax } from '../../charts/svg/keepMax';
import { modelLabel } from '../../labels';
import type { StudioState } from '../../store/studioStore';
import type { HardwareRow } from '../../worker/types';
import {
  currentPresetId,
  hardwareData,
  msAxisDomain,
  presetsKey,
  presetsOf,
  ratioAxisTop,
  type HardwareDatum,
  type HardwarePreset,
} from './hardwareData';

/** A note when the configuration's hardware is not exactly one of the compared presets. */
export function hardwareNote(hardware: StudioState['config']['hardware']): string | null {
  if (hardware.kind === 'custom')
    return 'The configuration uses custom hardware, which is not a preset: only the presets are compared.';
  if (Object.keys(hardware.overrides).length > 0)
    return 'The current preset has modified parameters; the comparison uses every preset as shipped.';
  return null;
}

export interface HardwareShape {
  /**
   * The rows when the shape last changed: their presets and axes are those of the latest rows, their
   * numbers maybe not (the latest are on `live`).
   */
  data: HardwareDatum[] | null;
  /** What a rate change leaves alone of each row (the same array while that stays the same). */
  presets: HardwarePreset[];
  /**
   * The top of the ratio axis: what the bars need (see {@link ratioAxisTop}), kept while they fit
   * (see keepMax).
   */
  maxX: number;
  /** The ms chart's log domain. */
  msDomain: [number, number];
  /** The model's display name. */
  model: string;
  note: string | null;
}

/** Where the view stands: the shape to render and the latest rows (with the configuration they are for). */
export interface HardwareSelector {
  /** A store selector: the same object while the shape stays the same (the view does not render). */
  shape: (s: StudioState) => HardwareShape;
  /** The latest rows, for the configuration's preset (the same array for the same store rows). */
  data: (s: StudioState) => HardwareDatum[] | null;
}

export function hardwareSelector(): HardwareSelector {
  let rows: HardwareRow[] | null = null;
  let preset: string | null = null;
  let data: HardwareDatum[] | null = null;
  const dataOf = (s: StudioState): HardwareDatum[] | null => {
    const p = currentPresetId(s.config);
    if (s.hardwareRows !== rows || p !== preset) {
      rows = s.hardwareRows;
      preset = p;
      data = rows ? hardwareData(rows, p) : null;
    }
    return data;
  };
  let model: StudioState['config']['model'] | null = null;
  let label = '';
  let shape: HardwareShape | null = null;
  let shapeOf: HardwareDatum[] | null = null;
  let key = '';
  let presetsKeyOf = '';
  return {
    data: dataOf,
    shape: (s) => {
      const now = dataOf(s);
      const note = hardwareNote(s.config.hardware);
      if (s.config.model !== model) {
        model = s.config.model;
        label = modelLabel(s.config);
      }
      if (shape && now === shapeOf && shape.note === note && shape.model === label) return shape;
      shapeOf = now;
      const maxX = keepMax(shape?.maxX ?? null, now ? ratioAxisTop(now) : 0);
      const msDomain = now ? msAxisDomain(now) : ([0.1, 1] as [number, number]);
      const nextPresets = now ? presetsKey(now) : '';
      const nextKey = `${nextPresets}#${maxX}#${msDomain.join(' ')}`;
      if (shape && nextKey === key && shape.note === note && shape.model === label) return shape;
      key = nextKey;
      const presets =
        shape && nextPresets === presetsKeyOf ? shape.presets : now ? presetsOf(now) : [];
      presetsKeyOf = nextPresets;
      shape = { data: now, presets, maxX, msDomain, model: label, note };
      return shape;
    },
  };
}
